import { z } from "zod";
import { deleteModelVersionTag as deleteTagRow } from "../../repositories/model-versions-repository";
import { requiredString } from "../schemas";
import { validateKey } from "../validation";
import { defineVerb } from "../verb";
import { modelVersionKey } from "./get-model-version";
import { requireModelVersionRow } from "./load-registry";

/** Deletes a tag; deleting one that is not there succeeds, as in MLflow. */
export const deleteModelVersionTag = defineVerb(
  z.object({ ...modelVersionKey, key: requiredString }),
  async ({ ctx, input }) => {
    validateKey("tag", input.key);
    const { name, version } = await requireModelVersionRow(ctx.db, input.name, input.version);
    await deleteTagRow(ctx.db, name, version, input.key);
    return {};
  },
);
