import { Transform, type Readable } from "node:stream";
import { z } from "zod";
import { findExperimentById } from "../../repositories/experiments-repository";
import { addExperimentArtifactBytes, findExperimentArtifactBytes } from "../../repositories/quota-repository";
import { deleteArtifact } from "../artifacts/delete-artifact";
import { uploadArtifact } from "../artifacts/upload-artifact";
import { defineVerb } from "../verb";
import { experimentLimits } from "./experiment-limits";
import { quotaExceeded } from "./quota-errors";

/**
 * The proxy's PUT with the experiment's artifact-bytes quota. Runs store artifacts under
 * `<experiment id>/<run id>/…` of the destination, so the first segment names the experiment; other paths
 * are not metered. A declared length past the quota is refused before a byte is read; an undeclared one
 * stops being stored the moment it passes it (the store keeps nothing of an interrupted upload). Bytes count as
 * uploaded: an overwrite counts again, a delete gives nothing back.
 */
export const uploadArtifactWithinQuota = defineVerb(
  uploadArtifact.input.and(z.object({ declaredLength: z.number().int().min(0).optional() })),
  async ({ ctx, input }) => {
    const experimentId = meteredExperimentId(input.path);
    const experiment = experimentId === undefined ? undefined : await findExperimentById(ctx.db, experimentId);
    if (!experiment) return uploadArtifact({ ctx, input });
    const { maxArtifactBytes: limit } = await experimentLimits(ctx.db, ctx.config.quotas, experiment.experimentId);
    const scope = `experiment ${experiment.experimentId}`;
    const used = limit === undefined ? 0 : await findExperimentArtifactBytes(ctx.db, experiment.experimentId);
    if (limit !== undefined && input.declaredLength !== undefined && used + input.declaredLength > limit) {
      throw quotaExceeded("artifact bytes", limit, used + input.declaredLength, scope);
    }
    const meter = new ByteMeter(limit === undefined ? Infinity : limit - used);
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
      throw quotaExceeded("artifact bytes", limit!, used + meter.bytes, scope);
    }
    // Two uploads racing for the last bytes: the counter's one statement lets only one of them keep its file.
    if ((await addExperimentArtifactBytes(ctx.db, experiment.experimentId, meter.bytes, limit)) === null) {
      await deleteArtifact({ ctx, input: { path: input.path } });
      throw quotaExceeded("artifact bytes", limit!, used + meter.bytes, scope);
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

function meteredExperimentId(path: string): number | undefined {
  const first = path.split("/")[0];
  return /^\d{1,9}$/.test(first) ? Number(first) : undefined;
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

