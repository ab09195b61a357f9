import type { Kysely } from "kysely";
import type { Database } from "../store/schema.js";

/**
 * Locks an account's row for the rest of the transaction with a no-op update (a row lock on PostgreSQL; SQLite
 * runs one write transaction at a time): what is counted per account next (its webhooks, its relay channels)
 * is counted by one transaction after the other, so concurrent creations cannot pass a cap together.
 */
export async function lockAccount(trx: Kysely<Database>, accountId: string): Promise<void> {
  await trx
    .updateTable("users")
    .set((eb) => ({ id: eb.ref("id") }))
    .where("id", "=", accountId)
    .execute();
}
