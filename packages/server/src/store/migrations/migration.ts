import type { Kysely } from "kysely";

/**
 * One step of the schema, forward only. It runs inside its own transaction (with its record in kysely_migration),
 * so a failed step leaves the database as it was before it. Types used here mean the same on SQLite and
 * PostgreSQL: text, integer (0/1 booleans) and bigint (ms).
 */
export interface Migration {
  up(db: Kysely<unknown>): Promise<void>;
}
