import { z } from "zod";
import { deleteAlias } from "../../repositories/registered-models-repository";
import { requiredString } from "../schemas";
import { defineVerb } from "../verb";
import { requireRegisteredModelRow } from "./load-registry";
import { validateAlias } from "./registry-rules";

/** Removes an alias; removing one that is not set succeeds, as in MLflow. */
export const deleteRegisteredModelAlias = defineVerb(
  z.object({ name: requiredString, alias: requiredString }),
  async ({ ctx, input }) => {
    validateAlias(input.alias);
    await requireRegisteredModelRow(ctx.db, input.name);
    await deleteAlias(ctx.db, input.name, input.alias);
    return {};
  },
);
