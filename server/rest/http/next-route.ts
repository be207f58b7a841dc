import { serveMount, type Method, type Mount } from "../mounts";
import { methodNotAllowedReply } from "./error-reply";
import { foreignHostRefusal } from "./host-check";
import { fromWebRequest, toWebResponse } from "./web-edge";

type RouteHandler = (req: Request) => Promise<Response>;
export type NextRoute<M extends Mount> = Record<M["serves"][number] | M["refuses"][number], RouteHandler>;

const routes = new WeakMap<Mount, Record<string, RouteHandler>>();

/**
 * A mount (server/rest/mounts.ts) as a Next route file's exports: a handler for each method it
 * serves and MLflow's JSON 405 for each it refuses. The Host check runs first, as in the custom
 * server (which checks before Next under `metron server`; under `next dev` only this one runs).
 */
export function nextRoute<M extends Mount>(mount: M): NextRoute<M> {
  let route = routes.get(mount);
  if (!route) {
    route = {};
    const serve: RouteHandler = async (req) => toWebResponse(await serveMount(mount, fromWebRequest(req)));
    for (const method of mount.serves) route[method] = answer(serve);
    const allowed = allowedMethods(mount);
    const refuse: RouteHandler = async (req) => toWebResponse(methodNotAllowedReply(req.method, allowed));
    for (const method of mount.refuses) route[method] = answer(refuse);
    routes.set(mount, route);
  }
  return route as NextRoute<M>;
}

function answer(serve: RouteHandler): RouteHandler {
  return async (req) => {
    // Reading the request (Host, URL) also tells Next the answer is made per request, never prerendered.
    const refused = foreignHostRefusal(new URL(req.url).pathname, req.headers.get("host"));
    return refused ? toWebResponse(refused) : serve(req);
  };
}

/** What a 405 names: the served methods, and for REST mounts HEAD where Next answers it through GET. */
export function allowedMethods(mount: Mount): Method[] {
  const allowed = [...mount.serves];
  if (mount.namesHead !== false && allowed.includes("GET") && !allowed.includes("HEAD")) allowed.push("HEAD");
  return allowed;
}
