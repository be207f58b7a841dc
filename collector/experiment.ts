import type { TrackingClient } from "./client.js";
import type { WrapConfig } from "./config.js";
import { atStartup } from "./startup-errors.js";

/** The Default experiment, where MLflow's clients log when none is named. */
const DEFAULT_EXPERIMENT_ID = "0";

/**
 * The experiment of a wrapped run, as MLflow's client picks it: an id as given, a name looked up
 * and created when missing, else the Default experiment.
 */
export async function resolveExperimentId(client: TrackingClient, config: WrapConfig): Promise<string> {
  if (config.experimentId) return config.experimentId;
  const name = config.experimentName;
  if (!name) return DEFAULT_EXPERIMENT_ID;
  return atStartup(
    async () => {
      const existing = await client.findExperimentId(name);
      if (existing !== undefined) return existing;
      try {
        return await client.createExperiment(name);
      } catch (err) {
        // Another process created it since the lookup.
        const created = await client.findExperimentId(name);
        if (created !== undefined) return created;
        throw err;
      }
    },
    client.baseUrl,
    `experiment '${name}' does not exist on ${client.baseUrl}`,
  );
}
