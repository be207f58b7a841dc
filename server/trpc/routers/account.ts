import type { AccessRule } from "../../auth/access-rule";
import { createApiToken } from "../../services/auth/create-api-token";
import { listApiTokens } from "../../services/auth/list-api-tokens";
import { revokeApiToken } from "../../services/auth/revoke-api-token";
import { whoAmI } from "../../services/auth/who-am-i";
import { accountMutation, accountQuery } from "../account-procedure";
import { router } from "../init";

const SIGNED_IN: AccessRule = { kind: "signedIn" };

/** The signed-in user's own things: who they are (the header) and their API tokens. */
export const accountRouter = router({
  whoAmI: accountQuery(whoAmI, { kind: "public" }),
  tokens: router({
    list: accountQuery(listApiTokens, SIGNED_IN),
    create: accountMutation(createApiToken, SIGNED_IN),
    revoke: accountMutation(revokeApiToken, SIGNED_IN),
  }),
});
