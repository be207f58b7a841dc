import { eq } from "drizzle-orm";
import { serverSecrets } from "../db/schema";
import type { Db } from "../db/types";

/** The secret named `name`, created with `create()` by whichever replica asks first; all then read that one. */
export async function ensureServerSecret(db: Db, name: string, create: () => string): Promise<string> {
  await db.insert(serverSecrets).values({ name, value: create() }).onConflictDoNothing({ target: serverSecrets.name });
  const [row] = await db.select({ value: serverSecrets.value }).from(serverSecrets).where(eq(serverSecrets.name, name));
  return row.value;
}
