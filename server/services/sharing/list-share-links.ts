import { z } from "zod";
import { getShareKey } from "../../auth/share-principal";
import { listShareLinksOf } from "../../repositories/share-links-repository";
import { defineVerb } from "../verb";
import { requireUser, toShareLink } from "./share-link";

/** The caller's own links, newest first, live or not (a revoked one stays listed as revoked). */
export const listShareLinks = defineVerb(z.object({}).default({}), async ({ ctx }) => {
  const user = requireUser(ctx);
  const key = await getShareKey(ctx.db);
  const now = ctx.now();
  return { links: (await listShareLinksOf(ctx.db, user.userId)).map((row) => toShareLink(row, key, now)) };
});
