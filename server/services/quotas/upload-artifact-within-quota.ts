import { Transform, type Readable } from "node:stream";
import { z } from "zod";
import { findExperimentById } from "../../repositories/experiments-repository";
import { addExperimentArtifactBytes, findExperimentArtifactBytes } from "../../repositories/quota-repository";
import { deleteArtifact } from "../artifacts/delete-artifact";
import { uploadArtifact } from "../artifacts/upload-artifact";
import { defineVerb } from "../verb";
import { experimentLimits } from "./experiment-limits";
import { meteredExperimentId, storedBytesAt } from "./metered-artifacts";
import { quotaExceeded } from "./quota-errors";

/**
 * The proxy's PUT with the experiment's artifact-bytes quota (metered-artifacts.ts says which paths count).
 * A declared length past the quota is refused before a byte is read; an undeclared one stops being stored
 * the moment it passes it (the store keeps nothing of an interrupted upload). An overwrite counts the
 * difference from the file it replaces; a delete gives its bytes back (delete-artifact-releasing-quota.ts).
 */
export const uploadArtifactWithinQuota = defineVerb(
  uploadArtifact.input.and(z.object({ declaredLength: z.number().int().min(0).optional() })),
  async ({ ctx, input }) => {
    const experimentId = meteredExperimentId(input.path);
    const experiment = experimentId === undefined ? undefined : await findExperimentById(ctx.db, experimentId);
    if (!experiment) return uploadArtifact({ ctx, input });
    const { maxArtifactBytes: limit } = await experimentLimits(ctx.db, ctx.config.quotas, experiment.experimentId);
    const scope = `experiment ${experiment.experimentId}`;
    const replaced = await storedBytesAt(ctx.config, input.path);
    const used = limit === undefined ? 0 : await findExperimentArtifactBytes(ctx.db, experiment.experimentId);
    // What the experiment would hold with `bytes` in place of the file replaced.
    const wouldBe = (bytes: number) => Math.max(0, used - replaced) + bytes;
    if (limit !== undefined && input.declaredLength !== undefined && wouldBe(input.declaredLength) > limit) {
      throw quotaExceeded("artifact bytes", limit, wouldBe(input.declaredLength), scope);
    }
    const meter = new ByteMeter(limit === undefined ? Infinity : limit - wouldBe(0));
    input.body.once("error", (err) => meter.destroy(err)); // a client hanging up fails the upload, as unmetered
    // Bytes may pass (and trip the meter) before the store starts reading; the store's read reports it then.
    meter.on("error", () => undefined);
    try {
      await uploadArtifact({ ctx, input: { ...input, body: input.body.pipe(meter) as unknown as Readable } });
    } catch (err) {
      if (!meter.isOver) throw err;
      // Read the rest unstored: clients send the whole body before they read the answer, and the
      // connection stays usable for their next request.
      input.body.unpipe(meter);
      input.body.resume();
      await drained(input.body);
      throw quotaExceeded("artifact bytes", limit!, wouldBe(meter.bytes), scope);
    }
    // Uploads racing for the last bytes: the counter's one statement lets only one of them keep its file.
    if ((await addExperimentArtifactBytes(ctx.db, experiment.experimentId, meter.bytes - replaced, limit)) === null) {
      await deleteArtifact({ ctx, input: { path: input.path } });
      // The file it replaced is gone with it.
      await addExperimentArtifactBytes(ctx.db, experiment.experimentId, -replaced, undefined);
      throw quotaExceeded("artifact bytes", limit!, wouldBe(meter.bytes), scope);
    }
    return {};
  },
);

/** Resolves once the body has been read to its end (or failed); not finished(), which waits for the request's close, after the reply. */
function drained(body: Readable): Promise<void> {
  if (body.readableEnded || body.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    body.once("end", resolve);
    body.once("error", resolve);
    body.once("close", resolve);
  });
}

/** Counts bytes through; fails the stream once more than `allowed` have passed. */
class ByteMeter extends Transform {
  bytes = 0;
  isOver = false;

  constructor(private readonly allowed: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: (err?: Error | null, data?: Buffer) => void): void {
    this.bytes += chunk.length;
    if (this.bytes > this.allowed) {
      this.isOver = true;
      callback(new Error("artifact quota exceeded"));
      return;
    }
    callback(null, chunk);
  }
}

