import { describe, expect, it } from "vitest";
import { isClosedConnection, isDatabaseUnreachable, retryOnClosedConnection } from "./connection-loss";

const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });

describe("isDatabaseUnreachable", () => {
  it.each([
    ["refused", withCode("ECONNREFUSED")],
    ["reset", withCode("ECONNRESET")],
    ["postgres-js connect timeout", withCode("CONNECT_TIMEOUT", "write CONNECT_TIMEOUT 127.0.0.1:5432")],
    ["postgres-js closed connection", withCode("CONNECTION_CLOSED")],
    ["backend terminated by an administrator", withCode("57P01", "terminating connection due to administrator command")],
    ["database starting up", withCode("57P03", "the database system is starting up")],
    ["connection exception class 08", withCode("08006")],
    ["too many connections", withCode("53300")],
    ["a write on a node that stopped being the primary", withCode("25006", "cannot execute INSERT in a read-only transaction")],
    ["no host of a failover list usable", withCode("08001", "no usable database host")],
    ["wrapped by Drizzle", new Error("Failed query: select 1", { cause: withCode("ECONNREFUSED") })],
    ["every address refused", Object.assign(new AggregateError([withCode("ECONNREFUSED"), withCode("ECONNREFUSED")]), { code: undefined })],
  ])("%s", (_, err) => {
    expect(isDatabaseUnreachable(err)).toBe(true);
  });

  it.each([
    ["a unique violation", withCode("23505")],
    ["a data exception", withCode("22021")],
    ["a statement timeout", withCode("57014")],
    ["a plain error", new Error("boom")],
    ["not an error", "ECONNREFUSED"],
    ["nothing", undefined],
  ])("not %s", (_, err) => {
    expect(isDatabaseUnreachable(err)).toBe(false);
  });
});

describe("isClosedConnection", () => {
  it.each([
    ["backend terminated", withCode("57P01"), true],
    ["postgres-js closed connection", withCode("CONNECTION_CLOSED"), true],
    ["reset under a statement", new Error("Failed query", { cause: withCode("ECONNRESET") }), true],
    ["refused: a fresh connection would fail too", withCode("ECONNREFUSED"), false],
    ["connect timeout: retrying doubles the wait", withCode("CONNECT_TIMEOUT"), false],
    ["starting up", withCode("57P03"), false],
    ["a statement timeout", withCode("57014"), false],
  ])("%s", (_, err, closed) => {
    expect(isClosedConnection(err)).toBe(closed);
  });
});

describe("retryOnClosedConnection", () => {
  /** A read whose tries fail with `failures` in order, then answer "rows"; counts its tries. */
  function read(...failures: unknown[]) {
    const tries = { count: 0 };
    const work = async () => {
      const failure = failures[tries.count++];
      if (failure !== undefined) throw failure;
      return "rows";
    };
    return { tries, work };
  }

  it("tries once more on a connection the database had closed, and answers with that try", async () => {
    const { tries, work } = read(withCode("57P01"));
    await expect(retryOnClosedConnection(work)).resolves.toBe("rows");
    expect(tries.count).toBe(2);
  });

  it("gives up after the second try, with its error", async () => {
    const second = withCode("CONNECTION_CLOSED");
    const { tries, work } = read(withCode("57P01"), second);
    await expect(retryOnClosedConnection(work)).rejects.toBe(second);
    expect(tries.count).toBe(2);
  });

  it("does not retry other errors (a refused connect would only fail again, a bad query is the query's)", async () => {
    for (const err of [withCode("ECONNREFUSED"), withCode("42601"), new Error("boom")]) {
      const { tries, work } = read(err);
      await expect(retryOnClosedConnection(work)).rejects.toBe(err);
      expect(tries.count).toBe(1);
    }
  });
});
