/**
 * Float8s packed by PostgreSQL as one bytea (float8send: 8 bytes each, big-endian), as either driver hands
 * it over: a Buffer (postgres-js) or a Uint8Array (PGlite). Every bit pattern survives: NaN, ±Infinity, -0, subnormals.
 */
export function readFloat8s(bytes: Uint8Array): Float64Array {
  if (bytes.byteLength % 8 !== 0) throw new Error(`packed float8s: ${bytes.byteLength} bytes is not a whole number of values`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Float64Array(bytes.byteLength / 8);
  for (let i = 0; i < values.length; i++) values[i] = view.getFloat64(i * 8);
  return values;
}
