import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./log";
import { MAX_LOGGED_STRING } from "./log-caps";

/** A logger writing into an array of lines. */
function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter((l) => l !== ""));
      done();
    },
  });
  return { logger: createLogger("info", destination), lines };
}

const HUGE = "x".repeat(28 * 1024 * 1024);

describe("log lines", () => {
  it("stay short when a request carried a 28 MB value: in the message, a field, an error and its cause", () => {
    const { logger, lines } = capture();
    const cause = Object.assign(new Error(`value too long: ${HUGE}`), { code: "22001" });
    const err = Object.assign(new Error(`Failed query: insert … params: ${HUGE}`, { cause }), { params: [HUGE, ...Array(5000).fill("p")] });
    logger.error({ err, method: "POST", path: `/api/2.0/mlflow/${HUGE}` }, "unexpected error");
    logger.info(`message ${HUGE}`);
    logger.warn({ nested: { deeper: { list: [HUGE] } } }, "nested");
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line.length).toBeLessThan(12 * MAX_LOGGED_STRING);

    const [errorLine, messageLine, nestedLine] = lines.map((l) => JSON.parse(l));
    expect(errorLine.msg).toBe("unexpected error");
    expect(errorLine.err.type).toBe("Error");
    expect(errorLine.err.message).toMatch(/^Failed query: insert … params: x+\.\.\. \(\d+ characters cut\)$/);
    expect(errorLine.err.params).toHaveLength(101);
    expect(errorLine.path.length).toBeLessThanOrEqual(MAX_LOGGED_STRING + 40);
    expect(messageLine.msg.startsWith("message xxx")).toBe(true);
    expect(nestedLine.nested.deeper.list[0]).toMatch(/characters cut\)$/);
  });

  it("keep ordinary values as they are", () => {
    const { logger, lines } = capture();
    logger.info({ driver: "pglite", ms: 12, at: new Date(0) }, "database ready");
    expect(JSON.parse(lines[0])).toMatchObject({ driver: "pglite", ms: 12, at: "1970-01-01T00:00:00.000Z", msg: "database ready" });
  });
});
