import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { experimentPermissions, teamMembers, teams } from "../db/schema";
import type { DbHandle } from "../db/types";
import { readConfig, type ServerConfig } from "../env";
import { insertExperimentPermission } from "../repositories/permissions-repository";
import { insertUser } from "../repositories/users-repository";
import type { ServiceContext } from "../services/context";
import { createExperiment } from "../services/experiments/create-experiment";
import { searchExperiments } from "../services/experiments/search-experiments";
import { createRun } from "../services/runs/create-run";
import { invokeVerb } from "../services/verb";
import { openTestDatabase } from "../testing/direct-db";
import type { AccessRule } from "./access-rule";
import { authorize } from "./gate";
import type { Principal } from "./principal";
import { experimentIn, runIn } from "./resource-refs";
import { ADMIN, edit, LISTING, manage, read, SIGNED_IN } from "./rules";

// The gate on a real database: effective permissions (own grant, team grants, default, admin, creator),
// share links, the per-request cache, and filtered listings.

let handle: DbHandle;
const users: Record<string, Extract<Principal, { kind: "user" }>> = {};
let experimentId: string;
let otherExperimentId: string;
let runId: string;
let otherRunId: string;

function ctxOf(principal: Principal, defaultPermission: ServerConfig["auth"]["defaultPermission"] = "NO_PERMISSIONS"): ServiceContext {
  const config = readConfig({ METRON_AUTH: "true", METRON_AUTH_DEFAULT_PERMISSION: defaultPermission });
  return { db: handle.db, dbKind: handle.kind, config, now: Date.now, ...handle.reads.forCaller(undefined), principal };
}

/** A fresh principal object: a new request, with an empty decision cache. */
const request = (name: string): Principal => ({ ...users[name] });

async function outcome(principal: Principal, rule: AccessRule, input: unknown, defaultPermission?: ServerConfig["auth"]["defaultPermission"]) {
  try {
    await authorize(ctxOf(principal, defaultPermission), rule, input);
    return "allowed";
  } catch (err) {
    return (err as { code: string }).code;
  }
}

beforeAll(async () => {
  handle = await openTestDatabase("authgate");
  for (const [name, isAdmin] of [["owner", false], ["reader", false], ["member", false], ["stranger", false], ["admin", true]] as const) {
    const row = await insertUser(handle.db, { username: name, passwordHash: "x", isAdmin, creationTime: 1 });
    users[name] = { kind: "user", userId: row!.id, username: name, isAdmin, via: "token" };
  }
  const asOwner = ctxOf(users.owner);
  experimentId = (await invokeVerb(createExperiment, asOwner, { name: "gate-a" })).experimentId;
  otherExperimentId = (await invokeVerb(createExperiment, asOwner, { name: "gate-b" })).experimentId;
  runId = (await invokeVerb(createRun, asOwner, { experimentId })).run.info.runId;
  otherRunId = (await invokeVerb(createRun, asOwner, { experimentId })).run.info.runId;
  await insertExperimentPermission(handle.db, Number(experimentId), users.reader.userId, "READ");
  const [team] = await handle.db.insert(teams).values({ name: "gate-team", creationTime: 1 }).returning();
  await handle.db.insert(teamMembers).values({ teamId: team.id, userId: users.member.userId });
  await handle.db.insert(experimentPermissions).values({ experimentId: Number(experimentId), teamId: team.id, permission: "EDIT" });
});

afterAll(async () => handle?.close());

describe("authorize", () => {
  it("gives the creator MANAGE, a grantee their grant (also through a run), nobody else anything", async () => {
    expect(await outcome(request("owner"), manage(experimentIn("experimentId")), { experimentId })).toBe("allowed");
    expect(await outcome(request("reader"), read(runIn("runId")), { runId })).toBe("allowed");
    expect(await outcome(request("reader"), edit(runIn("runId")), { runId })).toBe("PERMISSION_DENIED");
    // A grant on one experiment gives nothing on another.
    expect(await outcome(request("reader"), read(experimentIn("experimentId")), { experimentId: otherExperimentId })).toBe("PERMISSION_DENIED");
    expect(await outcome(request("stranger"), read(experimentIn("experimentId")), { experimentId })).toBe("PERMISSION_DENIED");
    expect(await outcome(request("owner"), read(experimentIn("experimentId")), { experimentId: otherExperimentId })).toBe("allowed");
  });

  it("counts team grants, the strongest of a user's grants winning", async () => {
    expect(await outcome(request("member"), edit(runIn("runId")), { runId })).toBe("allowed");
    expect(await outcome(request("member"), manage(runIn("runId")), { runId })).toBe("PERMISSION_DENIED");
    await insertExperimentPermission(handle.db, Number(experimentId), users.member.userId, "READ");
    expect(await outcome(request("member"), edit(experimentIn("experimentId")), { experimentId })).toBe("allowed");
  });

  it("falls back to the default permission where nothing was granted", async () => {
    expect(await outcome(request("stranger"), read(experimentIn("experimentId")), { experimentId }, "READ")).toBe("allowed");
    expect(await outcome(request("stranger"), edit(experimentIn("experimentId")), { experimentId }, "READ")).toBe("PERMISSION_DENIED");
    // An explicit grant wins over the default, also when it is weaker.
    await insertExperimentPermission(handle.db, Number(otherExperimentId), users.stranger.userId, "NO_PERMISSIONS");
    expect(await outcome(request("stranger"), read(experimentIn("experimentId")), { experimentId: otherExperimentId }, "READ")).toBe("PERMISSION_DENIED");
  });

  it("lets admins do everything and refuses admin rules to others", async () => {
    expect(await outcome(request("admin"), manage(experimentIn("experimentId")), { experimentId })).toBe("allowed");
    expect(await outcome(request("admin"), ADMIN, {})).toBe("allowed");
    expect(await outcome(request("owner"), ADMIN, {})).toBe("PERMISSION_DENIED");
  });

  it("answers anonymous callers UNAUTHENTICATED except on public rules, and leaves missing resources to the verb", async () => {
    expect(await outcome({ kind: "anonymous" }, SIGNED_IN, {})).toBe("UNAUTHENTICATED");
    expect(await outcome({ kind: "anonymous" }, { kind: "public" }, {})).toBe("allowed");
    expect(await outcome(request("stranger"), read(runIn("runId")), { runId: "0123456789abcdef0123456789abcdef" })).toBe("allowed");
    expect(await outcome(request("stranger"), read(experimentIn("experimentId")), { experimentId: "00000000000000000000" + experimentId })).toBe("PERMISSION_DENIED");
  });

  it("lets a share link read exactly its runs", async () => {
    const share: Principal = { kind: "share", linkId: "l1", runIds: [runId] };
    expect(await outcome(share, read(runIn("runId")), { runId })).toBe("allowed");
    expect(await outcome(share, read(runIn("runId")), { runId: otherRunId })).toBe("PERMISSION_DENIED");
    expect(await outcome(share, edit(runIn("runId")), { runId })).toBe("PERMISSION_DENIED");
    expect(await outcome(share, read(experimentIn("experimentId")), { experimentId })).toBe("PERMISSION_DENIED");
    expect(await outcome(share, LISTING, {})).toBe("PERMISSION_DENIED");
  });

  it("decides once per request: a grant revoked mid-request counts from the next request on", async () => {
    const [grant] = await handle.db.insert(experimentPermissions).values({ experimentId: Number(otherExperimentId), userId: users.reader.userId, permission: "READ" }).returning();
    const sameRequest = request("reader");
    expect(await outcome(sameRequest, read(experimentIn("experimentId")), { experimentId: otherExperimentId })).toBe("allowed");
    await handle.db.delete(experimentPermissions).where(eq(experimentPermissions.id, grant.id));
    expect(await outcome(sameRequest, read(experimentIn("experimentId")), { experimentId: otherExperimentId })).toBe("allowed");
    expect(await outcome(request("reader"), read(experimentIn("experimentId")), { experimentId: otherExperimentId })).toBe("PERMISSION_DENIED");
  });
});

describe("listings", () => {
  it("return only the experiments the caller may read", async () => {
    const names = async (name: string, defaultPermission: ServerConfig["auth"]["defaultPermission"]) =>
      (await invokeVerb(searchExperiments, ctxOf(request(name), defaultPermission), { filter: "name LIKE 'gate-%'" })).experiments.map((e) => e.name).sort();
    expect(await names("owner", "NO_PERMISSIONS")).toEqual(["gate-a", "gate-b"]);
    expect(await names("reader", "NO_PERMISSIONS")).toEqual(["gate-a"]);
    expect(await names("stranger", "NO_PERMISSIONS")).toEqual([]);
    expect(await names("stranger", "READ")).toEqual(["gate-a"]);
    expect(await names("admin", "NO_PERMISSIONS")).toEqual(["gate-a", "gate-b"]);
  });
});
