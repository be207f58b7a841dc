import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "../../auth/authenticate";
import type { Principal } from "../../auth/principal";
import { getShareKey } from "../../auth/share-principal";
import type { DbHandle } from "../../db/types";
import { readConfig } from "../../env";
import { insertUser } from "../../repositories/users-repository";
import { openTestDatabase } from "../../testing/direct-db";
import type { ServiceContext } from "../context";
import { invokeVerb } from "../verb";
import { createShareLink } from "./create-share-link";
import { listShareLinks } from "./list-share-links";
import { openShareLink } from "./open-share-link";
import { revokeShareLink } from "./revoke-share-link";

// Share links against a real database: creation rules, the principal a token authenticates as, and
// expiry and revocation taking effect on the very next request.

const T0 = 1_800_000_000_000;
const HOUR = 3_600_000;
let handle: DbHandle;
let alice: Principal;
let bob: Principal;
let admin: Principal;
const RUN_A = "a".repeat(32);
const RUN_B = "b".repeat(32);

function contextOf(principal: Principal, now = T0): ServiceContext {
  return { db: handle.db, dbKind: handle.kind, config: readConfig({ METRON_AUTH: "true" }), now: () => now, ...handle.reads.forCaller(undefined), principal };
}

async function userPrincipal(username: string, isAdmin = false): Promise<Principal> {
  const row = await insertUser(handle.db, { username, passwordHash: "x", isAdmin, creationTime: T0 });
  return { kind: "user", userId: row!.id, username, isAdmin, via: "session" };
}

const create = (principal: Principal, input: Record<string, unknown>, now = T0) => invokeVerb(createShareLink, contextOf(principal, now), input);
const runLink = (principal: Principal = alice) => create(principal, { kind: "run", runIds: [RUN_A], target: `/runs/${RUN_A}?tab=charts`, expiresInHours: 24 });
const tokenOf = (path: string) => path.slice("/s/".length);
const viaCookie = (token: string, now: number) => authenticate(handle.db, { authorization: null, cookie: `other=1; metron_share=${token}` }, now);
const failure = (promise: Promise<unknown>) => promise.then(() => "resolved", (err: { code: string; message: string }) => ({ code: err.code, message: err.message }));

beforeAll(async () => {
  handle = await openTestDatabase("shares");
  await handle.db.execute(sql`insert into experiments (experiment_id, name, artifact_location, creation_time, last_update_time) values (1, 'shared', '', 0, 0)`);
  for (const id of [RUN_A, RUN_B]) {
    await handle.db.execute(sql`insert into runs (run_uuid, name, experiment_id, status, start_time, artifact_uri) values (${id}, ${id}, 1, 'FINISHED', 0, '')`);
  }
  await handle.db.execute(sql`insert into registered_models (name, creation_time, last_updated_time) values ('churn', 0, 0)`);
  alice = await userPrincipal("alice");
  bob = await userPrincipal("bob");
  admin = await userPrincipal("root", true);
}, 120_000);
afterAll(async () => handle?.close());

describe("a run link", () => {
  it("authenticates its cookie (or header) as a share principal of exactly that run, and opens its target", async () => {
    const { link } = await runLink();
    expect(link).toMatchObject({ kind: "run", runIds: [RUN_A], modelName: null, target: `/runs/${RUN_A}?tab=charts`, creationTime: T0, expiryTime: T0 + 24 * HOUR, revokedTime: null, state: "active" });
    const token = tokenOf(link.path);
    expect(await viaCookie(token, T0 + 1)).toEqual({ kind: "share", linkId: link.id, runIds: [RUN_A] });
    expect(await authenticate(handle.db, { authorization: null, cookie: null, share: token }, T0 + 1)).toEqual({ kind: "share", linkId: link.id, runIds: [RUN_A] });
    expect(await invokeVerb(openShareLink, contextOf({ kind: "anonymous" }, T0 + HOUR), { token })).toEqual({ target: `/runs/${RUN_A}?tab=charts`, maxAgeSeconds: 23 * 3600 });
  });

  it("expires: valid 1 ms before its expiry time, a 401 saying so from then on", async () => {
    const { link } = await runLink();
    const token = tokenOf(link.path);
    expect((await viaCookie(token, link.expiryTime - 1)).kind).toBe("share");
    expect(await failure(viaCookie(token, link.expiryTime))).toEqual({ code: "UNAUTHENTICATED", message: `This share link expired on ${new Date(link.expiryTime).toISOString()}.` });
    expect((await invokeVerb(listShareLinks, contextOf(alice, link.expiryTime), {})).links.find((l) => l.id === link.id)?.state).toBe("expired");
  });

  it("is revoked for the very next request, by its creator or an admin, never by another user", async () => {
    const first = (await runLink()).link;
    const second = (await runLink()).link;
    expect(await failure(invokeVerb(revokeShareLink, contextOf(bob), { linkId: first.id }))).toEqual({
      code: "RESOURCE_DOES_NOT_EXIST",
      message: `No live share link with id=${first.id} of yours exists`,
    });
    expect((await viaCookie(tokenOf(first.path), T0 + 1)).kind).toBe("share");
    await invokeVerb(revokeShareLink, contextOf(alice), { linkId: first.id });
    await invokeVerb(revokeShareLink, contextOf(admin), { linkId: second.id });
    for (const link of [first, second]) {
      expect(await failure(viaCookie(tokenOf(link.path), T0 + 1))).toEqual({ code: "UNAUTHENTICATED", message: "This share link has been revoked." });
    }
    expect(await failure(invokeVerb(revokeShareLink, contextOf(alice), { linkId: first.id }))).toMatchObject({ code: "RESOURCE_DOES_NOT_EXIST" });
  });

  it("refuses a tampered token: another link id, a later expiry, a changed signature", async () => {
    const { link } = await runLink();
    const other = (await runLink()).link;
    const [id, expiry, signature] = tokenOf(link.path).split(".");
    const [otherId] = tokenOf(other.path).split(".");
    const forged = [`${otherId}.${expiry}.${signature}`, `${id}.${(link.expiryTime + HOUR).toString(36)}.${signature}`, `${id}.${expiry}.${signature.slice(0, -2)}AA`, `${id}.${expiry}`];
    for (const token of forged) {
      expect(await failure(viaCookie(token, T0 + 1)), token).toEqual({ code: "UNAUTHENTICATED", message: "Invalid share link: it is malformed or its signature does not match." });
    }
  });
});

describe("creating links", () => {
  it("lists only the caller's own links, newest first", async () => {
    const later = (await create(bob, { kind: "compare", runIds: [RUN_A, RUN_B, RUN_A], target: "/compare?runs=x", expiresInHours: 1 }, T0 + 5)).link;
    const earlier = (await create(bob, { kind: "model", modelName: "churn", target: "/models/churn", expiresInHours: 1 })).link;
    expect(later.runIds).toEqual([RUN_A, RUN_B]);
    expect((await invokeVerb(listShareLinks, contextOf(bob), {})).links.map((l) => l.id)).toEqual([later.id, earlier.id]);
    const modelToken = tokenOf(earlier.path);
    expect(await viaCookie(modelToken, T0 + 1)).toEqual({ kind: "share", linkId: earlier.id, runIds: [], modelName: "churn" });
  });

  it.each([
    [{ kind: "run", runIds: [RUN_A, RUN_B], target: "/x" }, "INVALID_PARAMETER_VALUE", "A run link names exactly one run."],
    [{ kind: "compare", runIds: [], target: "/x" }, "INVALID_PARAMETER_VALUE", "A compare link needs at least one run id."],
    [{ kind: "model", runIds: [RUN_A], modelName: "churn", target: "/x" }, "INVALID_PARAMETER_VALUE", "A model link names a model (modelName) and no runs."],
    [{ kind: "chart", runIds: [RUN_A], modelName: "churn", target: "/x" }, "INVALID_PARAMETER_VALUE", "A chart link names runs, not a model."],
    [{ kind: "run", runIds: [RUN_A], target: "//evil.example/x" }, "INVALID_PARAMETER_VALUE", "Invalid share target '//evil.example/x': expected a path on this server."],
    [{ kind: "run", runIds: [RUN_A], target: "/\\evil.example" }, "INVALID_PARAMETER_VALUE", "Invalid share target '/\\evil.example': expected a path on this server."],
    [{ kind: "run", runIds: [RUN_A], target: "https://evil.example/" }, "INVALID_PARAMETER_VALUE", "Invalid share target 'https://evil.example/': expected a path on this server."],
    [{ kind: "run", runIds: ["c".repeat(32)], target: "/x" }, "RESOURCE_DOES_NOT_EXIST", `Run with id=${"c".repeat(32)} not found`],
    [{ kind: "model", modelName: "nope", target: "/x" }, "RESOURCE_DOES_NOT_EXIST", "Registered Model with name=nope not found"],
  ])("refuses %o", async (input, code, message) => {
    expect(await failure(create(alice, { expiresInHours: 1, ...input }))).toEqual({ code, message });
  });

  it.each([`/experiments/1?display=charts`, `/compare?runs=${RUN_A},${RUN_B}&view=charts`, `/compare?runs=${RUN_A}&view=diff`, `/runs/${RUN_A}?tab=charts`])(
    "refuses a chart link to %s (not the charts of exactly its runs)",
    async (target) => {
      expect(await failure(create(alice, { kind: "chart", runIds: [RUN_A], target, expiresInHours: 1 }))).toEqual({
        code: "INVALID_PARAMETER_VALUE",
        message: `A chart link opens the charts of its runs: /compare?runs=<its run ids>&view=charts, not '${target}'.`,
      });
    },
  );

  it("opens a chart link on the compare page's charts of exactly its runs, with the chart settings", async () => {
    const target = `/compare?runs=${RUN_B},${RUN_A}&view=charts&cx=m%3Aepoch&cs=0.6&cz=10~250`;
    const { link } = await create(alice, { kind: "chart", runIds: [RUN_A, RUN_B], target, expiresInHours: 1 });
    expect(link).toMatchObject({ kind: "chart", runIds: [RUN_A, RUN_B], target });
    expect(await viaCookie(tokenOf(link.path), T0 + 1)).toEqual({ kind: "share", linkId: link.id, runIds: [RUN_A, RUN_B] });
    expect(await invokeVerb(openShareLink, contextOf({ kind: "anonymous" }, T0 + 1), { token: tokenOf(link.path) })).toMatchObject({ target });
  });

  it("is for signed-in users only: not the local user of auth off, not a share link", async () => {
    for (const principal of [{ kind: "local" }, { kind: "anonymous" }, { kind: "share", linkId: "x", runIds: [RUN_A] }] as Principal[]) {
      expect(await failure(runLink(principal))).toEqual({ code: "PERMISSION_DENIED", message: "Only a signed-in user can create or manage share links." });
    }
  });

  it("signs with one key per database, created once", async () => {
    const key = await getShareKey(handle.db);
    const rows = await handle.db.execute(sql`select value from server_secrets where name = 'share_link_key'`);
    const values = (Array.isArray(rows) ? rows : (rows as unknown as { rows: { value: string }[] }).rows) as { value: string }[];
    expect(values).toEqual([{ value: key }]);
  });
});
