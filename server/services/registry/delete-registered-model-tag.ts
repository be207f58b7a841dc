import { z } from "zod";
import { deleteRegisteredModelTag as deleteTagRow } from "../../repositories/registered-models-repository";
import { requiredString } from "../schemas";
import { validateKey } from "../validation";
import { defineVerb } from "../verb";
import { requireRegisteredModelRow } from "./load-registry";

/** Deletes a tag; deleting one that is not there succeeds, as in MLflow. */
export const deleteRegisteredModelTag = defineVerb(
  z.object({ name: requiredString, key: requiredString }),
  async ({ ctx, input }) => {
    validateKey("tag", input.key);
    await requireRegisteredModelRow(ctx.db, input.name);
    await deleteTagRow(ctx.db, input.name, input.key);
    return {};
  },
);
