import { findRoute } from "../rest/mlflow/routes";

// Metrics are labelled by route template, never by raw path: ids, artifact paths and share tokens
// would make one time series per request. Every answer here comes from a fixed, small set.

const MLFLOW = /^\/(api|ajax-api)\/2\.0\/mlflow\/([^?]*)/;
const FIXED: [RegExp, string][] = [
  [/^\/(api|ajax-api)\/2\.0\/mlflow-artifacts\/.*$/, "/$1/2.0/mlflow-artifacts/*"],
  [/^\/api\/trpc\/.*$/, "/api/trpc/*"],
  [/^\/api\/auth\/.*$/, "/api/auth/*"],
  [/^\/api\/ui\/experiments\/[^/]+\/runs\.csv$/, "/api/ui/experiments/:experimentId/runs.csv"],
  [/^\/s\/[^/]+$/, "/s/:token"],
  [/^\/(health|ready|metrics|version|get-artifact|model-versions\/get-artifact)$/, "/$1"],
  [/^\/_next\/.*$/, "/_next/*"],
];

/** The route template of a request target, e.g. `/api/2.0/mlflow/runs/log-batch` or `/s/:token`. */
export function routeTemplate(method: string, url: string): string {
  const query = url.indexOf("?");
  const pathname = query === -1 ? url : url.slice(0, query);
  const mlflow = MLFLOW.exec(pathname);
  if (mlflow) {
    const match = findRoute(mlflow[2], method);
    return `/${mlflow[1]}/2.0/mlflow/${match?.route ? match.route.path : "unknown"}`;
  }
  for (const [pattern, template] of FIXED) if (pattern.test(pathname)) return pathname.replace(pattern, template);
  return pathname.startsWith("/api/") || pathname.startsWith("/ajax-api/") ? "/api/unknown" : "page";
}
