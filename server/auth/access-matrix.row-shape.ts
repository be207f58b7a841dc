// The shape of the allow/deny matrix's rows (access-matrix.int.test.ts runs them), and the calls rows build.
// The rows, one per MLflow route, mount and tRPC procedure, are split by door: access-matrix.rest-rows.ts,
// access-matrix.mount-rows.ts (artifacts, CSV, health, sign-in…) and access-matrix.trpc-rows.ts.

/** The resources of one row: an experiment with a run, a logged model, a registered model with version 1. */
export interface Fixture {
  experimentId: string;
  experimentName: string;
  runId: string;
  loggedModelId: string;
  modelName: string;
  /** A user made for this fixture (users/delete). */
  username: string;
  /** The run's artifact folder below the proxy: `<experiment>/<run>/artifacts`. */
  artifactDir: string;
  /** Share-link tokens naming the run: a live one and a revoked one. */
  shareToken?: string;
  revokedShareToken?: string;
  /** The live link re-signed with an expiry in the past (PostgreSQL only: the test reads the signing key). */
  expiredShareToken?: string;
}

/** What a row needs: a permission on the fixture's experiment or model, or a kind of caller. */
export type Need = "public" | "signedIn" | "admin" | "self" | "READ" | "EDIT" | "MANAGE";

export interface Call {
  method: string;
  /** Path below the server root, with query. */
  path: string;
  body?: unknown;
}

/** How a row prepares its fixture (as admin) before the call, e.g. a tag for delete-tag to remove. */
export type Prepare = Call[];

export interface Row {
  /** What the row covers: `mlflow <METHODS> <path>`, `mount <name>`, `trpc <procedure>`. */
  covers: string[];
  need: Need;
  call: (fx: Fixture, unique: (prefix: string) => string) => Call;
  /** The status an allowed caller gets. */
  ok?: number;
  /** Signed-in callers get 403 when they come with an API token (every matrix role does): minting tokens. */
  tokenCallersRefused?: boolean;
  /** The call changes or removes the fixture: each allowed caller gets a fresh one. */
  consumes?: boolean;
  prepare?: (fx: Fixture) => Prepare;
}
const API = "/api/2.0/mlflow";
export const qs = (fields: Record<string, string | string[]>) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const each of [v].flat()) params.append(k, each);
  return params.toString();
};
export const get = (path: string, fields: Record<string, string | string[]> = {}): Call => ({ method: "GET", path: `${API}/${path}?${qs(fields)}` });
export const send = (method: string, path: string, body: unknown): Call => ({ method, path: `${API}/${path}`, body });
export const post = (path: string, body: unknown) => send("POST", path, body);

/** Version 1 of the fixture's registered model. */
export const version = (fx: Fixture) => ({ name: fx.modelName, version: "1" });
/** A prepare step: one POST (as admin) built from the fixture, e.g. the tag a delete-tag row removes. */
export const tagThen = (path: string, body: (fx: Fixture) => unknown) => (fx: Fixture) => [post(path, body(fx))];
