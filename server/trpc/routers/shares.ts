import { createShareLink, CREATE_SHARE_LINK_ACCESS } from "../../services/sharing/create-share-link";
import { canShare } from "../../services/sharing/can-share";
import { listShareLinks } from "../../services/sharing/list-share-links";
import { revokeShareLink } from "../../services/sharing/revoke-share-link";
import { procedure, router } from "../init";

// Share links (issue 15). create: signed in, with READ on every run or the model it names;
// list and revoke: signed in, and the verbs touch only the caller's own links (an admin may revoke any).
export const sharesRouter = router({
  canShare: procedure
    .meta({ access: { kind: "public" } })
    .input(canShare.input)
    .query(async ({ ctx, input }) => canShare({ ctx: await ctx.services(), input })),
  create: procedure
    .meta({ access: CREATE_SHARE_LINK_ACCESS })
    .input(createShareLink.input)
    .mutation(async ({ ctx, input }) => createShareLink({ ctx: await ctx.services(), input })),
  list: procedure
    .meta({ access: { kind: "signedIn" } })
    .input(listShareLinks.input)
    .query(async ({ ctx, input }) => listShareLinks({ ctx: await ctx.services(), input })),
  revoke: procedure
    .meta({ access: { kind: "signedIn" } })
    .input(revokeShareLink.input)
    .mutation(async ({ ctx, input }) => revokeShareLink({ ctx: await ctx.services(), input })),
});
