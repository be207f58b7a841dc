import { ADMIN } from "../../auth/rules";
import { listAuditLog } from "../../services/audit/list-audit-log";
import { router, verbQuery } from "../init";

/** The admins' view of who changed which permission, user, team or token. */
export const auditRouter = router({
  list: verbQuery(listAuditLog, ADMIN),
});
