import { randomUUID } from "node:crypto";
import { qs, version, type Call, type Fixture, type Row } from "./access-matrix.row-shape";

// The matrix's rows for the other mounts: artifacts (proxy, get-artifact, model versions), the runs CSV,
// health and metrics, sign-in and share links.

const proxy = (path: string) => `/api/2.0/mlflow-artifacts/artifacts/${path}`;
const putFile = (fx: Fixture): Call => ({ method: "PUT", path: proxy(`${fx.artifactDir}/f.txt`), body: "bytes" });

export const MOUNT_ROWS: Row[] = [
  { covers: ["mount getArtifact"], need: "READ", call: (fx) => ({ method: "GET", path: `/get-artifact?${qs({ run_uuid: fx.runId, path: "f.txt" })}` }), prepare: (fx) => [putFile(fx)] },
  { covers: ["mount modelVersionArtifact"], need: "READ", call: (fx) => ({ method: "GET", path: `/model-versions/get-artifact?${qs({ ...version(fx), path: "missing.txt" })}` }), ok: 404 },
  { covers: ["mount runsCsv"], need: "READ", call: (fx) => ({ method: "GET", path: `/api/ui/experiments/${fx.experimentId}/runs.csv` }) },
  { covers: ["mount artifactProxy"], need: "READ", call: (fx) => ({ method: "GET", path: proxy(`${fx.artifactDir}/f.txt`) }), prepare: (fx) => [putFile(fx)] },
  { covers: ["mount artifactProxy"], need: "READ", call: (fx) => ({ method: "GET", path: `${proxy("")}?${qs({ path: fx.artifactDir })}` }) },
  { covers: ["mount artifactProxy"], need: "EDIT", call: (fx) => putFile(fx) },
  { covers: ["mount artifactProxy"], need: "EDIT", call: (fx) => ({ method: "DELETE", path: proxy(`${fx.artifactDir}/f.txt`) }), consumes: true, prepare: (fx) => [putFile(fx)] },
  { covers: ["mount artifactProxy"], need: "admin", call: () => ({ method: "GET", path: proxy("") }) },
  { covers: ["mount health"], need: "public", call: () => ({ method: "GET", path: "/health" }) },
  { covers: ["mount version"], need: "public", call: () => ({ method: "GET", path: "/version" }) },
  { covers: ["mount ready"], need: "public", call: () => ({ method: "GET", path: "/ready" }) },
  { covers: ["mount metrics"], need: "admin", call: () => ({ method: "GET", path: "/metrics" }) },
  { covers: ["mount unknownEndpoint"], need: "public", call: () => ({ method: "GET", path: "/api/2.0/nothing-here" }), ok: 404 },
  // Public: a failed sign-in and a forged share link answer 401 whoever asks (a name per call: the
  // sign-in limiter would refuse the eleventh failure for one name with 429).
  { covers: ["mount session"], need: "public", call: () => ({ method: "POST", path: "/api/auth/sign-in", body: { username: `nobody-${randomUUID()}`, password: "wrong" } }), ok: 401 },
  { covers: ["mount shareLink"], need: "public", call: () => ({ method: "GET", path: "/s/forged.token" }), ok: 401 },
];
