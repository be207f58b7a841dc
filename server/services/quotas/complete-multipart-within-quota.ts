import { findExperimentById } from "../../repositories/experiments-repository";
import { addExperimentArtifactBytes, findExperimentArtifactBytes } from "../../repositories/quota-repository";
import { completeMultipartUpload } from "../artifacts/complete-multipart-upload";
import { deleteArtifact } from "../artifacts/delete-artifact";
import { defineVerb } from "../verb";
import { experimentLimits } from "./experiment-limits";
import { meteredExperimentId, storedBytesAt } from "./metered-artifacts";
import { quotaExceeded } from "./quota-errors";

/**
 * The proxy's multipart completion with the experiment's artifact-bytes quota: the parts went straight to
 * storage, so the assembled file is measured once it exists, counted in one statement (as a PUT is), and
 * removed again if that passes the limit.
 */
export const completeMultipartWithinQuota = defineVerb(completeMultipartUpload.input, async ({ ctx, input }) => {
  const experimentId = meteredExperimentId(input.artifactPath);
  const experiment = experimentId === undefined ? undefined : await findExperimentById(ctx.db, experimentId);
  if (!experiment) return completeMultipartUpload({ ctx, input });
  const replaced = await storedBytesAt(ctx.config, input.artifactPath);
  await completeMultipartUpload({ ctx, input });
  const stored = await storedBytesAt(ctx.config, input.artifactPath);
  const { maxArtifactBytes: limit } = await experimentLimits(ctx.db, ctx.config.quotas, experiment.experimentId);
  if ((await addExperimentArtifactBytes(ctx.db, experiment.experimentId, stored - replaced, limit)) === null) {
    const wouldBe = Math.max(0, (await findExperimentArtifactBytes(ctx.db, experiment.experimentId)) - replaced) + stored;
    await deleteArtifact({ ctx, input: { path: input.artifactPath } });
    await addExperimentArtifactBytes(ctx.db, experiment.experimentId, -replaced, undefined); // the file it replaced is gone too
    throw quotaExceeded("artifact bytes", limit!, wouldBe, `experiment ${experiment.experimentId}`);
  }
  return {};
});
