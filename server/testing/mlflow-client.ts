// The one MLflow REST client of the tests (integration api.ts, collector tests, e2e seeding): public API
// only, as any MLflow client; sending is the caller's (fetch against a base URL, or Playwright's request
// context).

export interface MlflowReply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  text: string;
}

/** Sends one call to an endpoint below /api/2.0/mlflow/ (GET fields go in the query string). */
export type MlflowSend = (method: "GET" | "POST", endpoint: string, fields: Record<string, unknown>) => Promise<MlflowReply>;

/** MlflowSend over fetch against a server's base URL. */
export function sendWithFetch(baseUrl: string | (() => string)): MlflowSend {
  return async (method, endpoint, fields) => {
    const url = `${typeof baseUrl === "string" ? baseUrl : baseUrl()}/api/2.0/mlflow/${endpoint}`;
    const res =
      method === "GET"
        ? await fetch(`${url}?${new URLSearchParams(fields as Record<string, string>)}`)
        : await fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(fields) });
    return readReply(res);
  };
}

/** A fetch Response as an MlflowReply: its JSON body parsed when there is one. */
export async function readReply(res: Response): Promise<MlflowReply & { headers: Headers }> {
  const text = await res.text();
  let body: unknown;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text, headers: res.headers };
}

export interface MlflowTestClient {
  /** The call's JSON answer; any status but 200 throws, naming the endpoint and the answer. */
  call(method: "GET" | "POST", endpoint: string, fields?: Record<string, unknown>): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  createExperiment(name: string, extra?: Record<string, unknown>): Promise<string>;
  /** The created run's info (run_id, artifact_uri, …). */
  createRun(experimentId: string, extra?: Record<string, unknown>): Promise<{ run_id: string; artifact_uri: string }>;
}

export function mlflowTestClient(send: MlflowSend): MlflowTestClient {
  const call = async (method: "GET" | "POST", endpoint: string, fields: Record<string, unknown> = {}) => {
    const reply = await send(method, endpoint, fields);
    if (reply.status !== 200) throw new Error(`${endpoint}: HTTP ${reply.status} ${reply.text}`);
    return reply.body;
  };
  return {
    call,
    createExperiment: async (name, extra = {}) => (await call("POST", "experiments/create", { name, ...extra })).experiment_id,
    createRun: async (experimentId, extra = {}) => (await call("POST", "runs/create", { experiment_id: experimentId, ...extra })).run.info,
  };
}
