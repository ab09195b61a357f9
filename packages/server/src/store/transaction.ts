import type { Kysely, Transaction } from "kysely";
import type { Database } from "./schema.js";

/**
 * Runs `work` in a transaction: the caller's, when `db` already is one (so a store function joins the change it is
 * part of), else a new one. Kysely cannot nest transactions; this lets a store be called either way.
 */
export function inTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Transaction<Database>) : db.transaction().execute(work);
}
