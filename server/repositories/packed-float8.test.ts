import { describe, expect, it } from "vitest";
import { readFloat8s } from "./packed-float8";

/** Bytes as float8send writes them: 8 big-endian bytes per value, from `start` within a larger buffer. */
function packed(values: number[], start = 0): Uint8Array {
  const buffer = new ArrayBuffer(start + values.length * 8);
  const view = new DataView(buffer);
  values.forEach((v, i) => view.setFloat64(start + i * 8, v));
  return new Uint8Array(buffer, start, values.length * 8);
}

const SPECIAL = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0, Number.MIN_VALUE, 2.2250738585072e-308, 2 ** 53, -(2 ** 53), Number.MAX_VALUE, 1 / 3];

describe("readFloat8s", () => {
  it("reads back every value bit for bit: NaN, ±Infinity, -0, subnormals, 2^53", () => {
    expect(Array.from(readFloat8s(packed(SPECIAL)))).toEqual(SPECIAL);
    expect(Object.is(readFloat8s(packed([-0]))[0], -0)).toBe(true);
  });

  it("reads a view that starts at an odd offset of its buffer (postgres-js hands over pooled Buffers)", () => {
    expect(Array.from(readFloat8s(packed(SPECIAL, 3)))).toEqual(SPECIAL);
    const pooled = Buffer.concat([Buffer.from([1, 2, 3]), Buffer.from(packed([1.5, -2.25]))]).subarray(3);
    expect(Array.from(readFloat8s(pooled))).toEqual([1.5, -2.25]);
  });

  it("reads nothing from no bytes and refuses a partial value", () => {
    expect(readFloat8s(new Uint8Array(0))).toHaveLength(0);
    expect(() => readFloat8s(new Uint8Array(12))).toThrow("12 bytes is not a whole number of values");
  });
});
