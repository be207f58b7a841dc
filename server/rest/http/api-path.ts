/**
 * The paths of the REST API, tRPC and the machine endpoints (and anything below them): refusals
 * there are MLflow's JSON error, which clients read instead of retrying; pages get text or HTML.
 */
const API_PATH = /^\/(?:api|ajax-api|get-artifact|model-versions\/get-artifact|health|version)(?:[/?#]|$)/;

export const isApiPath = (pathname: string): boolean => API_PATH.test(pathname);
