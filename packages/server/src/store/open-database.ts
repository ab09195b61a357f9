import type { Kysely } from "kysely";
import { migrateToLatest } from "./migrator.js";
import { openPostgres } from "./postgres.js";
import type { Database } from "./schema.js";
import { openSqlite } from "./sqlite.js";

export type DialectName = "sqlite" | "postgres";

export interface OpenDatabase {
  db: Kysely<Database>;
  dialect: DialectName;
  close(): Promise<void>;
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/**
 * Opens a SQLite file (or `:memory:`) or a `postgres://` URL and brings its schema up to date (unless `migrate`
 * is false: `hubhooks migrate --status` looks without changing). `onLostConnection` hears a pooled PostgreSQL
 * connection that broke while idle (the pool replaces it on the next query).
 */
export async function openDatabase(
  location: string,
  options: { migrate?: boolean; onLostConnection?: (error: Error) => void } = {},
): Promise<OpenDatabase> {
  const dialect: DialectName = isPostgresUrl(location) ? "postgres" : "sqlite";
  const db = dialect === "postgres" ? openPostgres(location, options.onLostConnection) : openSqlite(location);
  try {
    if (options.migrate !== false) await migrateToLatest(db as Kysely<unknown>, dialect);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, dialect, close: () => db.destroy() };
}
