import type { AccessRule } from "../../auth/access-rule";
import { addTeamMember } from "../../services/auth/add-team-member";
import { createTeam } from "../../services/auth/create-team";
import { createUser } from "../../services/auth/create-user";
import { deleteTeam } from "../../services/auth/delete-team";
import { deleteUser } from "../../services/auth/delete-user";
import { listTeams } from "../../services/auth/list-teams";
import { listUsers } from "../../services/auth/list-users";
import { removeTeamMember } from "../../services/auth/remove-team-member";
import { resetPassword } from "../../services/auth/reset-password";
import { setAdmin } from "../../services/auth/set-admin";
import { accountMutation, accountQuery } from "../account-procedure";
import { router } from "../init";

const ADMIN: AccessRule = { kind: "admin" };

/** The admin pages: users and teams. */
export const adminRouter = router({
  users: router({
    list: accountQuery(listUsers, ADMIN),
    create: accountMutation(createUser, ADMIN),
    resetPassword: accountMutation(resetPassword, ADMIN),
    setAdmin: accountMutation(setAdmin, ADMIN),
    delete: accountMutation(deleteUser, ADMIN),
  }),
  teams: router({
    list: accountQuery(listTeams, ADMIN),
    create: accountMutation(createTeam, ADMIN),
    delete: accountMutation(deleteTeam, ADMIN),
    addMember: accountMutation(addTeamMember, ADMIN),
    removeMember: accountMutation(removeTeamMember, ADMIN),
  }),
});
