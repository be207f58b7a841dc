import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MlflowError } from "../mlflow-error";
import { isInside, joinSafePaths, resolveInsideRoot, toSafeArtifactPath, type SafeArtifactPath } from "./safe-path";
import { HARMLESS_LOOKALIKES, TRAVERSAL_PAYLOADS } from "./traversal-payloads";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "metron-safe-path-"));
const outside = fs.mkdtempSync(path.join(os.tmpdir(), "metron-outside-"));
afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(outside, { recursive: true, force: true });
});

function rejection(value: string | string[]): { code: string; message: string } | "accepted" {
  try {
    toSafeArtifactPath(value);
    return "accepted";
  } catch (err) {
    if (!(err instanceof MlflowError)) throw err;
    return { code: err.code, message: err.message };
  }
}

describe("toSafeArtifactPath", () => {
  it.each(TRAVERSAL_PAYLOADS)("rejects $advisory: $path", ({ path: payload }) => {
    const result = rejection(payload);
    expect(result).not.toBe("accepted");
    expect(result).toMatchObject({ code: "INVALID_PARAMETER_VALUE", message: expect.stringMatching(/^Invalid path '/) });
  });

  it("lets no payload or look-alike escape the root: 0 of all resolve outside it", () => {
    const escapes = [...TRAVERSAL_PAYLOADS.map((p) => p.path), ...HARMLESS_LOOKALIKES].filter((payload) => {
      if (rejection(payload) !== "accepted") return false;
      return !isInside(root, path.resolve(root, toSafeArtifactPath(payload)));
    });
    expect(escapes).toEqual([]);
  });

  it.each([
    ["a/b/c.txt", "a/b/c.txt"],
    ["a/./b//c.txt", "a/b/c.txt"],
    ["dir/", "dir"],
    ["", ""],
    [".", ""],
    ["...", "..."],
    ["\uff0e\uff0e/x", "\uff0e\uff0e/x"],
    ["100%.txt", "100%.txt"],
    ["a b/ü.png", "a b/ü.png"],
  ])("normalises the harmless path %j to %j", (input, expected) => {
    expect(toSafeArtifactPath(input)).toBe(expected);
  });

  it.each([
    ["../etc", "Invalid path '../etc': '..' segments are not allowed."],
    ["/etc/passwd", "Invalid path '/etc/passwd': absolute paths are not allowed."],
    ["a\\b", "Invalid path 'a\\\\b': backslashes are not allowed."],
    ["a\u0000b", "Invalid path 'a\\u0000b': control characters are not allowed."],
    ["%2e%2e/x", "Invalid path '%2e%2e/x': percent-encoded '.', '/', '\\', '%' or NUL."],
    ["C:/x", "Invalid path 'C:/x': drive letters are not allowed."],
    ["s3://bucket/key", "Invalid path 's3://bucket/key': a URI is not a relative path."],
  ])("explains why %j is refused", (input, message) => {
    expect(rejection(input)).toEqual({ code: "INVALID_PARAMETER_VALUE", message });
  });

  it("refuses a URL segment that carried an encoded slash", () => {
    expect(rejection(["a", "../../etc"])).toEqual({
      code: "INVALID_PARAMETER_VALUE",
      message: "Invalid path 'a/../../etc': an encoded '/' inside a path segment.",
    });
    expect(toSafeArtifactPath(["a", "b.txt"])).toBe("a/b.txt");
  });

  it("joins safe paths without creating empty segments", () => {
    const base = toSafeArtifactPath("1/run/artifacts");
    expect(joinSafePaths(base, toSafeArtifactPath(""))).toBe("1/run/artifacts");
    expect(joinSafePaths(toSafeArtifactPath(""), base, toSafeArtifactPath("x.txt"))).toBe("1/run/artifacts/x.txt");
  });
});

describe("resolveInsideRoot", () => {
  fs.writeFileSync(path.join(outside, "secret.txt"), "secret");
  fs.mkdirSync(path.join(root, "inside"));
  fs.symlinkSync(outside, path.join(root, "escape"));
  fs.symlinkSync(path.join(root, "inside"), path.join(root, "shortcut"));
  fs.symlinkSync(path.join(outside, "secret.txt"), path.join(root, "inside", "secret-link.txt"));

  const resolve = (p: string) => resolveInsideRoot(root, p as SafeArtifactPath);

  it("refuses a symlinked folder that leads outside the root, for existing and new files", async () => {
    const message = "Invalid path 'escape/secret.txt': it leads outside the artifact root through a symbolic link.";
    await expect(resolve("escape/secret.txt")).rejects.toThrow(message);
    await expect(resolve("escape/new/file.txt")).rejects.toThrow("leads outside the artifact root");
  });

  it("refuses a symlinked file that points outside the root", async () => {
    await expect(resolve("inside/secret-link.txt")).rejects.toThrow("leads outside the artifact root");
  });

  it("allows symlinks that stay inside the root, and paths that do not exist yet", async () => {
    expect(await resolve("shortcut/new.txt")).toBe(path.join(root, "shortcut", "new.txt"));
    expect(await resolve("not/yet/there.txt")).toBe(path.join(root, "not", "yet", "there.txt"));
    expect(await resolve("")).toBe(root);
  });
});
