import { findExperimentArtifactBytes, addExperimentArtifactBytes } from "../../repositories/quota-repository";
import { deleteArtifact } from "../artifacts/delete-artifact";
import { defineVerb } from "../verb";
import { meteredExperimentId, storedBytesAt } from "./metered-artifacts";

/**
 * The proxy's DELETE: removes a file or folder and gives its bytes back to the experiment's artifact
 * quota. Sizes are read before the delete; an experiment whose counter is at 0 skips that walk.
 */
export const deleteArtifactReleasingQuota = defineVerb(deleteArtifact.input, async ({ ctx, input }) => {
  const experimentId = meteredExperimentId(input.path);
  const counted = experimentId !== undefined && (await findExperimentArtifactBytes(ctx.db, experimentId)) > 0;
  const freed = counted ? await storedBytesAt(ctx.config, input.path) : 0;
  const result = await deleteArtifact({ ctx, input });
  if (freed > 0) await addExperimentArtifactBytes(ctx.db, experimentId!, -freed, undefined);
  return result;
});
