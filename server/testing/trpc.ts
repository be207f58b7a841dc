import { inject } from "vitest";

/** A tRPC query over HTTP, as the browser sends it (GET, input as JSON in the query string). */
export async function trpcQuery(path: string, input: unknown) {
  const res = await fetch(`${inject("baseUrl")}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`);
  return { status: res.status, body: await res.json() };
}

/** A tRPC mutation over HTTP (POST with the input as the JSON body). */
export async function trpcMutation(path: string, input: unknown) {
  const res = await fetch(`${inject("baseUrl")}/api/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(input),
  });
  return { status: res.status, body: await res.json() };
}
