/** One reading of system metrics, named without the system/ prefix. */
export type Readings = Record<string, number>;

/**
 * What every sampler is: a call that gives one reading. `sampleX` is one already (memory, disk:
 * they read the present); `startXSampler()` starts counting and gives one that reads since then.
 */
export type Sampler = () => Promise<Readings>;
