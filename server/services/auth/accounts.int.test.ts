import { asc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "../../auth/principal";
import { auditLog, sessions } from "../../db/schema";
import type { DbHandle } from "../../db/types";
import { readConfig } from "../../env";
import { MlflowError } from "../../mlflow-error";
import { findSessionUser, findTokenOwner, findUserByName } from "../../repositories/users-repository";
import { secretHash } from "../../auth/secrets";
import { openTestDatabase } from "../../testing/direct-db";
import type { ServiceContext } from "../context";
import { addTeamMember } from "./add-team-member";
import { createApiToken } from "./create-api-token";
import { createTeam } from "./create-team";
import { createUser } from "./create-user";
import { deleteTeam } from "./delete-team";
import { deleteUser } from "./delete-user";
import { ensureFirstAdmin } from "./ensure-first-admin";
import { listApiTokens } from "./list-api-tokens";
import { listTeams } from "./list-teams";
import { listUsers } from "./list-users";
import { removeTeamMember } from "./remove-team-member";
import { resetPassword } from "./reset-password";
import { revokeApiToken } from "./revoke-api-token";
import { setAdmin } from "./set-admin";
import { signIn } from "./sign-in";

// The account verbs against a real database (the project's driver), as an admin and as plain users.

const NOW = 1_800_000_000_000;
let handle: DbHandle;
let admin: Principal;

function contextAs(principal: Principal): ServiceContext {
  const config = readConfig({ METRON_AUTH: "true", METRON_ADMIN_USERNAME: "root", METRON_ADMIN_PASSWORD: "root password" });
  return { db: handle.db, dbKind: handle.kind, config, now: () => NOW, ...handle.reads.forCaller(undefined), principal };
}

async function userPrincipal(username: string, extra: Partial<Extract<Principal, { kind: "user" }>> = {}): Promise<Principal> {
  const user = (await findUserByName(handle.db, username))!;
  return { kind: "user", userId: user.id, username, isAdmin: user.isAdmin, via: "session", ...extra };
}

async function refusal(work: Promise<unknown>): Promise<{ code: string; message: string }> {
  const err = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MlflowError);
  return { code: (err as MlflowError).code, message: (err as MlflowError).message };
}

const auditEntries = async () =>
  (await handle.db.select().from(auditLog).orderBy(asc(auditLog.id))).map(({ actorUsername, action, target, detail }) => ({ actorUsername, action, target, detail }));

beforeAll(async () => {
  handle = await openTestDatabase("accounts");
  await ensureFirstAdmin({ ctx: contextAs({ kind: "local" }) });
  admin = await userPrincipal("root");
}, 60_000);

afterAll(() => handle?.close());

describe("account verbs", () => {
  it("creates the first admin from the settings once, and makes an existing account of that name an admin", async () => {
    await ensureFirstAdmin({ ctx: contextAs({ kind: "local" }) });
    expect((await listUsers({ ctx: contextAs(admin), input: undefined })).map((u) => [u.username, u.isAdmin])).toEqual([["root", true]]);
    await createUser({ ctx: contextAs(admin), input: { username: "carl", password: "carl password", isAdmin: false } });
    const ctx = { ...contextAs({ kind: "local" }), config: readConfig({ METRON_AUTH: "true", METRON_ADMIN_USERNAME: "carl", METRON_ADMIN_PASSWORD: "other" }) };
    await ensureFirstAdmin({ ctx });
    const carl = (await findUserByName(handle.db, "carl"))!;
    expect(carl.isAdmin).toBe(true);
    await setAdmin({ ctx: contextAs(admin), input: { userId: carl.id, isAdmin: false } });
    await deleteUser({ ctx: contextAs(admin), input: { userId: carl.id } });
  });

  it("lets an admin create users and refuses a taken name, a short password and non-admins", async () => {
    const created = await createUser({ ctx: contextAs(admin), input: createUser.input.parse({ username: "ana", password: "ana password" }) });
    expect(created).toEqual({ id: expect.any(Number), username: "ana", isAdmin: false, creationTime: NOW });
    expect(await refusal(createUser({ ctx: contextAs(admin), input: { username: "ana", password: "other pass", isAdmin: false } }))).toEqual({
      code: "RESOURCE_ALREADY_EXISTS",
      message: "User 'ana' already exists.",
    });
    expect(createUser.input.safeParse({ username: "bo", password: "short" }).error?.issues[0].message).toBe("at least 8 characters");
    expect(createUser.input.safeParse({ username: "b:o", password: "long enough" }).error?.issues[0].message).toBe(
      "no spaces or colons (HTTP Basic credentials are username:password)",
    );
    const ana = await userPrincipal("ana");
    expect(await refusal(listUsers({ ctx: contextAs(ana), input: undefined }))).toEqual({ code: "PERMISSION_DENIED", message: "Only an admin may manage users and teams." });
    expect(await refusal(listUsers({ ctx: contextAs({ kind: "anonymous" }), input: undefined }))).toEqual({ code: "UNAUTHENTICATED", message: "Sign in first." });
  });

  it("keeps the last admin an admin, and an admin from deleting themselves", async () => {
    const root = (await findUserByName(handle.db, "root"))!;
    expect(await refusal(setAdmin({ ctx: contextAs(admin), input: { userId: root.id, isAdmin: false } }))).toEqual({ code: "INVALID_STATE", message: "'root' is the last admin." });
    expect(await refusal(deleteUser({ ctx: contextAs(admin), input: { userId: root.id } }))).toEqual({ code: "INVALID_STATE", message: "You cannot delete your own account." });
    const ana = (await findUserByName(handle.db, "ana"))!;
    expect(await setAdmin({ ctx: contextAs(admin), input: { userId: ana.id, isAdmin: true } })).toEqual({ id: ana.id, username: "ana", isAdmin: true });
    expect(await setAdmin({ ctx: contextAs(admin), input: { userId: ana.id, isAdmin: false } })).toEqual({ id: ana.id, username: "ana", isAdmin: false });
    expect(await refusal(setAdmin({ ctx: contextAs(admin), input: { userId: 999_999, isAdmin: true } }))).toEqual({ code: "RESOURCE_DOES_NOT_EXIST", message: "User 999999 does not exist." });
  });

  it("creates, lists and revokes tokens: the secret once, stored hashed; others' tokens look absent; tokens cannot mint tokens", async () => {
    const ana = await userPrincipal("ana");
    const created = await createApiToken({ ctx: contextAs(ana), input: { name: "ci" } });
    const { token, ...view } = created;
    expect(token).toMatch(/^mtk_[\w-]{43}$/);
    expect(view).toEqual({ id: expect.any(Number), name: "ci", displayPrefix: token.slice(0, 12), creationTime: NOW, lastUsedTime: null, revokedTime: null });
    expect((await findTokenOwner(handle.db, secretHash(token)))?.user.username).toBe("ana");
    expect(await listApiTokens({ ctx: contextAs(ana), input: undefined })).toEqual([view]);
    expect(await listApiTokens({ ctx: contextAs(admin), input: undefined })).toEqual([]);

    const viaToken = await userPrincipal("ana", { via: "token", tokenId: created.id });
    expect(await refusal(createApiToken({ ctx: contextAs(viaToken), input: { name: "more" } }))).toEqual({
      code: "PERMISSION_DENIED",
      message: "API tokens cannot create tokens; sign in with a password.",
    });
    const bo = await createUser({ ctx: contextAs(admin), input: { username: "bo", password: "bo password", isAdmin: false } });
    const boPrincipal = await userPrincipal(bo.username);
    expect(await refusal(revokeApiToken({ ctx: contextAs(boPrincipal), input: { id: created.id } }))).toEqual({
      code: "RESOURCE_DOES_NOT_EXIST",
      message: `API token ${created.id} does not exist.`,
    });
    const revoked = await revokeApiToken({ ctx: contextAs(ana), input: { id: created.id } });
    expect(revoked.revokedTime).toBe(NOW);
    expect(await findTokenOwner(handle.db, secretHash(token))).toBeNull();
    expect(await revokeApiToken({ ctx: contextAs(admin), input: { id: created.id } })).toEqual(revoked);
  });

  it("resets passwords, manages teams and deletes users", async () => {
    const ana = (await findUserByName(handle.db, "ana"))!;
    await resetPassword({ ctx: contextAs(admin), input: { userId: ana.id, password: "new ana password" } });
    expect((await findUserByName(handle.db, "ana"))!.passwordHash).not.toBe(ana.passwordHash);

    const team = await createTeam({ ctx: contextAs(admin), input: { name: "vision" } });
    expect(await refusal(createTeam({ ctx: contextAs(admin), input: { name: "vision" } }))).toEqual({ code: "RESOURCE_ALREADY_EXISTS", message: "Team 'vision' already exists." });
    await addTeamMember({ ctx: contextAs(admin), input: { teamId: team.id, username: "ana" } });
    await addTeamMember({ ctx: contextAs(admin), input: { teamId: team.id, username: "bo" } });
    await addTeamMember({ ctx: contextAs(admin), input: { teamId: team.id, username: "bo" } });
    expect(await refusal(addTeamMember({ ctx: contextAs(admin), input: { teamId: team.id, username: "nobody" } }))).toEqual({
      code: "RESOURCE_DOES_NOT_EXIST",
      message: "User 'nobody' does not exist.",
    });
    const bo = (await findUserByName(handle.db, "bo"))!;
    const members = (await listTeams({ ctx: contextAs(admin), input: undefined })).map((t) => [t.name, t.members.map((m) => m.username)]);
    expect(members).toEqual([["vision", ["ana", "bo"]]]);
    await removeTeamMember({ ctx: contextAs(admin), input: { teamId: team.id, userId: bo.id } });
    await deleteUser({ ctx: contextAs(admin), input: { userId: ana.id } });
    expect((await listTeams({ ctx: contextAs(admin), input: undefined }))[0].members).toEqual([]);
    await deleteTeam({ ctx: contextAs(admin), input: { teamId: team.id } });
    expect(await listTeams({ ctx: contextAs(admin), input: undefined })).toEqual([]);
    expect((await listUsers({ ctx: contextAs(admin), input: undefined })).map((u) => u.username)).toEqual(["bo", "root"]);
  });

  it("wrote one audit entry per change, by whom, in order", async () => {
    const entries = await auditEntries();
    const tokenTargets = entries.filter((e) => e.action.startsWith("token.")).map((e) => e.target);
    expect(entries).toEqual([
      { actorUsername: "root", action: "user.create", target: "user:carl", detail: { isAdmin: false } },
      { actorUsername: "root", action: "user.set_admin", target: "user:carl", detail: { isAdmin: false } },
      { actorUsername: "root", action: "user.delete", target: "user:carl", detail: {} },
      { actorUsername: "root", action: "user.create", target: "user:ana", detail: { isAdmin: false } },
      { actorUsername: "root", action: "user.set_admin", target: "user:ana", detail: { isAdmin: true } },
      { actorUsername: "root", action: "user.set_admin", target: "user:ana", detail: { isAdmin: false } },
      { actorUsername: "ana", action: "token.create", target: tokenTargets[0], detail: { name: "ci", owner: "ana" } },
      { actorUsername: "root", action: "user.create", target: "user:bo", detail: { isAdmin: false } },
      { actorUsername: "ana", action: "token.revoke", target: tokenTargets[0], detail: { name: "ci", ownerUserId: expect.any(Number) } },
      { actorUsername: "root", action: "user.reset_password", target: "user:ana", detail: {} },
      { actorUsername: "root", action: "team.create", target: "team:vision", detail: {} },
      { actorUsername: "root", action: "team.add_member", target: "team:vision", detail: { username: "ana" } },
      { actorUsername: "root", action: "team.add_member", target: "team:vision", detail: { username: "bo" } },
      { actorUsername: "root", action: "team.remove_member", target: "team:vision", detail: { username: "bo" } },
      { actorUsername: "root", action: "user.delete", target: "user:ana", detail: {} },
      { actorUsername: "root", action: "team.delete", target: "team:vision", detail: {} },
    ]);
    expect(tokenTargets[0]).toMatch(/^token:\d+$/);
  });

  it("signs in with the password into a session found by its secret's hash, forgetting expired sessions", async () => {
    const root = (await findUserByName(handle.db, "root"))!;
    await handle.db.insert(sessions).values({ secretHash: "expired", userId: root.id, csrfToken: "c", creationTime: 0, expiryTime: NOW });
    const ctx = contextAs({ kind: "anonymous" });
    const signedIn = await signIn({ ctx, input: { username: "root", password: "root password", clientAddress: "10.1.1.1" } });
    expect(signedIn.user).toEqual({ username: "root", isAdmin: true });
    expect(signedIn.expiryTime).toBe(NOW + 14 * 24 * 3600_000);
    expect(await findSessionUser(handle.db, secretHash(signedIn.session.secret), NOW)).toEqual({ user: root, csrfToken: signedIn.session.csrfToken });
    expect((await handle.db.select().from(sessions)).map((row) => row.secretHash)).toEqual([secretHash(signedIn.session.secret)]);
    expect(await refusal(signIn({ ctx, input: { username: "root", password: "wrong", clientAddress: "10.1.1.1" } }))).toEqual({
      code: "UNAUTHENTICATED",
      message: "Incorrect username or password.",
    });
    const off = { ...ctx, config: readConfig({}) };
    expect(await refusal(signIn({ ctx: off, input: { username: "root", password: "root password", clientAddress: "10.1.1.1" } }))).toEqual({
      code: "INVALID_STATE",
      message: "Sign-in is off on this server: start it with --auth (METRON_AUTH=true) to have users and tokens.",
    });
  });
});
