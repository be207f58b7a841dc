/**
 * Path-traversal payloads in the styles of MLflow's advisories (CVE ids from recollection; the shapes
 * are what matters). `path` is as it reaches the safe-path check after the URL layer decoded it once;
 * `rawUrlPath` is how a client puts it on the wire, for the HTTP tests.
 */
export interface TraversalPayload {
  advisory: string;
  path: string;
  rawUrlPath: string;
}

export const TRAVERSAL_PAYLOADS: TraversalPayload[] = [
  // CVE-2023-1177: plain "../" in the path parameter of get-artifact and the artifact proxy.
  { advisory: "CVE-2023-1177 dot-dot", path: "../../../../../../etc/passwd", rawUrlPath: "../../../../../../etc/passwd" },
  { advisory: "CVE-2023-1177 dot-dot after a folder", path: "a/b/../../../secret.txt", rawUrlPath: "a/b/../../../secret.txt" },
  { advisory: "CVE-2023-1177 absolute path", path: "/etc/passwd", rawUrlPath: "%2Fetc%2Fpasswd" },
  // CVE-2023-2780: bypasses of the first fix — a second leading slash, a file: URI, a lone "..".
  { advisory: "CVE-2023-2780 double slash", path: "//etc/passwd", rawUrlPath: "%2F%2Fetc%2Fpasswd" },
  { advisory: "CVE-2023-2780 file URI", path: "file:///etc/passwd", rawUrlPath: "file:%2F%2F%2Fetc%2Fpasswd" },
  { advisory: "CVE-2023-2780 bare parent", path: "..", rawUrlPath: ".." },
  // CVE-2023-6831: percent-encoded dots and slashes, validated before decoding.
  { advisory: "CVE-2023-6831 encoded dots", path: "%2e%2e/%2e%2e/etc/passwd", rawUrlPath: "%252e%252e/%252e%252e/etc/passwd" },
  { advisory: "CVE-2023-6831 encoded slash", path: "..%2f..%2fetc%2fpasswd", rawUrlPath: "..%252f..%252fetc%252fpasswd" },
  { advisory: "CVE-2023-6831 upper-case escapes", path: "%2E%2E%2F%2E%2E%2Fsecret.txt", rawUrlPath: "%252E%252E%252F%252E%252E%252Fsecret.txt" },
  { advisory: "CVE-2023-6831 double encoding", path: "%252e%252e%252fsecret.txt", rawUrlPath: "%25252e%25252e%25252fsecret.txt" },
  { advisory: "CVE-2023-6831 encoded backslash", path: "..%5c..%5csecret.txt", rawUrlPath: "..%255c..%255csecret.txt" },
  // CVE-2023-6909: a query string in the artifact root hides "../" from the validator.
  { advisory: "CVE-2023-6909 query string", path: "x?a=/../../secret.txt", rawUrlPath: "x%3Fa=/../../secret.txt" },
  // CVE-2024-1594: a fragment in the artifact location does the same.
  { advisory: "CVE-2024-1594 fragment", path: "#/../../secret.txt", rawUrlPath: "%23/../../secret.txt" },
  // CVE-2024-1560: deletion through the artifact path — Windows separators and drive letters.
  { advisory: "CVE-2024-1560 backslashes", path: "..\\..\\secret.txt", rawUrlPath: "..%5C..%5Csecret.txt" },
  { advisory: "CVE-2024-1560 mixed separators", path: "a\\..\\..\\..\\secret.txt", rawUrlPath: "a%5C..%5C..%5C..%5Csecret.txt" },
  { advisory: "CVE-2024-1560 drive letter", path: "C:\\Windows\\win.ini", rawUrlPath: "C:%5CWindows%5Cwin.ini" },
  { advisory: "CVE-2024-1560 drive letter, forward slash", path: "C:/Windows/win.ini", rawUrlPath: "C:/Windows/win.ini" },
  // NUL truncation and a "./" prefix before the dot-dots.
  { advisory: "NUL byte", path: "secret.txt\u0000.png", rawUrlPath: "secret.txt%00.png" },
  { advisory: "dot then dot-dot", path: "./../secret.txt", rawUrlPath: "./../secret.txt" },
];

/** Look-alikes that are ordinary file names on Linux and S3: accepted, and they stay inside the root. */
export const HARMLESS_LOOKALIKES = [
  "...",
  ".../...//secret.txt",
  "\uff0e\uff0e/\uff0e\uff0e/secret.txt", // fullwidth full stops
  "%c0%ae%c0%ae/secret.txt", // overlong UTF-8 for "." (not valid UTF-8, so it stays literal text)
  "..secret",
  "secret..",
  "a/./b//c.txt",
];
