import { z } from "zod";
import { changeAccess } from "../../auth/access-changes";
import { recordAudit } from "../../auth/audit";
import type { Permission } from "../../db/schema/auth";
import type { Db } from "../../db/types";
import { deleteUserGrant, findUserGrant, insertUserGrant, updateUserGrant, type GrantKind, type GrantTypes } from "../../repositories/permissions-repository";
import { MlflowError } from "../errors";
import { defineVerb } from "../verb";
import { permissionField, requireUser, usernameField } from "./auth-fields";

// MLflow's {experiments,registered-models}/permissions/{create,get,update,delete}: one user's own grant on
// one resource. Both resources' four verbs are this one implementation; the route rules ask MANAGE on it.
// Writes go through changeAccess: every server process forgets cached permissions before they answer.

export interface GrantResource<K extends GrantKind, F extends string, W extends string, Wire> {
  kind: K;
  /** The request field naming the resource (camelCase), its schema, and its wire name for messages. */
  field: F;
  fieldSchema: z.ZodType<string>;
  wireField: string;
  /** "Experiment permission": how MLflow's messages name a grant. */
  label: string;
  /** The answer's key (experimentPermission …) and the audit log's action prefix. */
  resultKey: W;
  auditAction: string;
  /** The resource named by the field (throwing MLflow's RESOURCE_DOES_NOT_EXIST), and its audit target. */
  load: (db: Db, value: string) => Promise<{ resource: GrantTypes[K]["resource"]; auditTarget: string }>;
  toWire: (row: GrantTypes[K]["row"]) => Wire;
}

export function defineGrantVerbs<K extends GrantKind, F extends string, W extends string, Wire>(spec: GrantResource<K, F, W, Wire>) {
  type Key = { username: string } & Record<F, string>;
  // The resource field's name varies, which zod's inference cannot follow: the shapes are stated instead.
  const key = z.object({ [spec.field]: spec.fieldSchema, username: usernameField }) as unknown as z.ZodType<Key>;
  const withPermission = z.object({ [spec.field]: spec.fieldSchema, username: usernameField, permission: permissionField }) as unknown as z.ZodType<
    Key & { permission: Permission }
  >;
  const named = (input: Key) => `${spec.wireField}=${input[spec.field]}`;
  const notFound = (input: Key) => new MlflowError("RESOURCE_DOES_NOT_EXIST", `${spec.label} with ${named(input)} and username=${input.username} not found`);
  const grantOf = async (db: Db, input: Key) => {
    const { resource, auditTarget } = await spec.load(db, input[spec.field]);
    return { resource, auditTarget, user: await requireUser(db, input.username) };
  };
  const answer = (row: GrantTypes[K]["row"]) => ({ [spec.resultKey]: spec.toWire(row) }) as Record<W, Wire>;

  const create = defineVerb(withPermission, async ({ ctx, input }) =>
    changeAccess(ctx.db, async (db) => {
      const { resource, auditTarget, user } = await grantOf(db, input);
      const row = await insertUserGrant(db, spec.kind, resource, user.id, input.permission);
      if (!row) throw new MlflowError("RESOURCE_ALREADY_EXISTS", `${spec.label} (${named(input)}, username=${input.username}) already exists`);
      await recordAudit(db, ctx.principal, `${spec.auditAction}.create`, auditTarget, { username: user.username, permission: input.permission });
      return answer(row);
    }),
  );

  const get = defineVerb(key, async ({ ctx, input }) => {
    const { resource, user } = await grantOf(ctx.db, input);
    const row = await findUserGrant(ctx.db, spec.kind, resource, user.id);
    if (!row) throw notFound(input);
    return answer(row);
  });

  const update = defineVerb(withPermission, async ({ ctx, input }) =>
    changeAccess(ctx.db, async (db) => {
      const { resource, auditTarget, user } = await grantOf(db, input);
      if (!(await updateUserGrant(db, spec.kind, resource, user.id, input.permission))) throw notFound(input);
      await recordAudit(db, ctx.principal, `${spec.auditAction}.update`, auditTarget, { username: user.username, permission: input.permission });
      return {};
    }),
  );

  const remove = defineVerb(key, async ({ ctx, input }) =>
    changeAccess(ctx.db, async (db) => {
      const { resource, auditTarget, user } = await grantOf(db, input);
      if (!(await deleteUserGrant(db, spec.kind, resource, user.id))) throw notFound(input);
      await recordAudit(db, ctx.principal, `${spec.auditAction}.delete`, auditTarget, { username: user.username });
      return {};
    }),
  );

  return { create, get, update, delete: remove };
}
