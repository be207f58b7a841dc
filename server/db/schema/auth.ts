import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, check, index, integer, jsonb, pgTable, primaryKey, serial, text, uniqueIndex, varchar } from "drizzle-orm/pg-core";
import { experiments } from "./experiments";
import { registeredModels } from "./registry";

// The hosted portal's people and grants (migration 0008). Empty and unread while auth is off.

export const users = pgTable("users", {
  id: serial("id").primaryKey(),
  username: varchar("username", { length: 256 }).notNull().unique(),
  /** `scrypt$N$r$p$salt$hash` (base64url parts), see server/auth/passwords.ts. */
  passwordHash: text("password_hash").notNull(),
  isAdmin: boolean("is_admin").notNull().default(false),
  creationTime: bigint("creation_time", { mode: "number" }).notNull(),
});

export const teams = pgTable("teams", {
  id: serial("id").primaryKey(),
  name: varchar("name", { length: 256 }).notNull().unique(),
  creationTime: bigint("creation_time", { mode: "number" }).notNull(),
});

export const teamMembers = pgTable(
  "team_members",
  {
    teamId: integer("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index("team_members_user_idx").on(t.userId)],
);

/** A browser session; the cookie holds the secret, the table only its sha256. */
export const sessions = pgTable(
  "sessions",
  {
    secretHash: text("secret_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    csrfToken: text("csrf_token").notNull(),
    creationTime: bigint("creation_time", { mode: "number" }).notNull(),
    expiryTime: bigint("expiry_time", { mode: "number" }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** A script's credential, shown once at creation; stored as its sha256. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: varchar("name", { length: 256 }).notNull(),
    secretHash: text("secret_hash").notNull().unique(),
    /** The token's first characters, so a list can show which one is which. */
    displayPrefix: varchar("display_prefix", { length: 16 }).notNull(),
    creationTime: bigint("creation_time", { mode: "number" }).notNull(),
    lastUsedTime: bigint("last_used_time", { mode: "number" }),
    revokedTime: bigint("revoked_time", { mode: "number" }),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
);

export const PERMISSIONS = ["NO_PERMISSIONS", "READ", "EDIT", "MANAGE"] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Exactly one of user and team: a grant to a person or to everyone in a team. */
export const experimentPermissions = pgTable(
  "experiment_permissions",
  {
    id: serial("id").primaryKey(),
    experimentId: integer("experiment_id")
      .notNull()
      .references(() => experiments.experimentId, { onDelete: "cascade" }),
    userId: integer("user_id").references(() => users.id, { onDelete: "cascade" }),
    teamId: integer("team_id").references(() => teams.id, { onDelete: "cascade" }),
    permission: varchar("permission", { length: 16 }).$type<Permission>().notNull(),
  },
  (t) => [
    uniqueIndex("experiment_permissions_user_idx").on(t.experimentId, t.userId).where(sql`user_id is not null`),
    uniqueIndex("experiment_permissions_team_idx").on(t.experimentId, t.teamId).where(sql`team_id is not null`),
    check("experiment_permissions_one_grantee", sql`(user_id is null) <> (team_id is null)`),
  ],
);

export const registeredModelPermissions = pgTable(
  "registered_model_permissions",
  {
    id: serial("id").primaryKey(),
    name: varchar("name", { length: 256 })
      .notNull()
      .references(() => registeredModels.name, { onDelete: "cascade", onUpdate: "cascade" }),
    userId: integer("user_id").references(() => users.id, { onDelete: "cascade" }),
    teamId: integer("team_id").references(() => teams.id, { onDelete: "cascade" }),
    permission: varchar("permission", { length: 16 }).$type<Permission>().notNull(),
  },
  (t) => [
    uniqueIndex("registered_model_permissions_user_idx").on(t.name, t.userId).where(sql`user_id is not null`),
    uniqueIndex("registered_model_permissions_team_idx").on(t.name, t.teamId).where(sql`team_id is not null`),
    check("registered_model_permissions_one_grantee", sql`(user_id is null) <> (team_id is null)`),
  ],
);

/** Who changed a permission, a user, a team or a token; kept when the actor is deleted. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    time: bigint("time", { mode: "number" }).notNull(),
    actorUserId: integer("actor_user_id"),
    actorUsername: varchar("actor_username", { length: 256 }),
    action: varchar("action", { length: 64 }).notNull(),
    target: text("target").notNull(),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("audit_log_time_idx").on(t.time)],
);

/** Server-wide secrets (e.g. the share-link signing key), shared by every replica over one database. */
export const serverSecrets = pgTable("server_secrets", {
  name: varchar("name", { length: 64 }).primaryKey(),
  value: text("value").notNull(),
});
