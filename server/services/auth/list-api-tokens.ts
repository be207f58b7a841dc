import { z } from "zod";
import { listUserApiTokens } from "../../repositories/api-tokens-repository";
import { defineVerb } from "../verb";
import { toTokenView } from "./api-token-view";
import { requireUser } from "./caller";

/** The signed-in user's tokens, revoked ones included (they show when they stopped working). */
export const listApiTokens = defineVerb(z.void(), async ({ ctx }) => {
  const owner = requireUser(ctx);
  return (await listUserApiTokens(ctx.db, owner.userId)).map(toTokenView);
});
