import { type Kysely, sql } from "kysely";
import { MIGRATIONS, type Migration } from "./migrations/index.js";
import type { DialectName } from "./open-database.js";

// The bookkeeping table kysely's Migrator made (hubhooks 0.1.0 ran it): kept, so every existing database goes on.
const TABLE = "kysely_migration";
// One number for every hubhooks process: two that start at once on PostgreSQL migrate one after the other.
const PG_LOCK_KEY = 7_275_310_610;

export interface MigrationState {
  name: string;
  /** When it ran (ISO time), or null while pending. */
  appliedAt: string | null;
}

export interface MigrationStatus {
  migrations: MigrationState[];
  /** Migrations the database has and this hubhooks does not know: the database was migrated by a newer one. */
  unknown: string[];
}

// Any schema: the migrations create the tables that the typed Database describes.
export type AnyDb = Kysely<any>;
type Db = AnyDb;

async function ensureTable(db: Db): Promise<void> {
  await sql`create table if not exists ${sql.table(TABLE)} (name varchar(255) primary key, timestamp varchar(255) not null)`.execute(
    db,
  );
}

/**
 * One transaction that holds the migration lock: PostgreSQL's advisory lock (released at commit), or SQLite's
 * write lock from the start (BEGIN IMMEDIATE: a second process waits on busy_timeout, never reads a stale schema).
 */
async function locked<T>(db: Db, dialect: DialectName, work: (trx: Db) => Promise<T>): Promise<T> {
  if (dialect === "postgres") {
    return db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${PG_LOCK_KEY})`.execute(trx);
      await ensureTable(trx);
      return work(trx);
    });
  }
  return db.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection);
    try {
      await ensureTable(connection);
      const result = await work(connection);
      await sql`commit`.execute(connection);
      return result;
    } catch (error) {
      await sql`rollback`.execute(connection);
      throw error;
    }
  });
}

async function applied(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom(TABLE).select(["name", "timestamp"]).execute();
  return new Map(rows.map((row) => [row.name as string, row.timestamp as string]));
}

/** Which migrations ran and when; reads only (a database never migrated has no bookkeeping table yet). */
export async function migrationStatus(
  db: AnyDb,
  migrations: ReadonlyArray<readonly [string, Migration]> = MIGRATIONS,
): Promise<MigrationStatus> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  const done = tables.some((table) => table.name === TABLE) ? await applied(db) : new Map<string, string>();
  const known = new Set(migrations.map(([name]) => name));
  return {
    migrations: migrations.map(([name]) => ({ name, appliedAt: done.get(name) ?? null })),
    unknown: [...done.keys()].filter((name) => !known.has(name)).sort(),
  };
}

/**
 * Runs every pending migration, in order, each in its own transaction with its record, and returns the names it
 * ran. Forward only: a database that has a migration this code does not know (a newer hubhooks ran it) is
 * refused, because this code may not understand its data.
 */
export async function migrateToLatest(
  db: AnyDb,
  dialect: DialectName,
  migrations: ReadonlyArray<readonly [string, Migration]> = MIGRATIONS,
): Promise<string[]> {
  const status = await migrationStatus(db, migrations);
  const { unknown } = status;
  if (unknown.length > 0) {
    throw new Error(
      `the database was migrated by a newer hubhooks (migration ${unknown.join(", ")} is unknown here): run that version or newer`,
    );
  }
  // Up to date (every start after the first): no lock, no write. Pending ones are checked again under the lock,
  // where another process may have run them meanwhile.
  const pending = new Set(status.migrations.filter((m) => m.appliedAt === null).map((m) => m.name));
  const ran: string[] = [];
  for (const [name, migration] of migrations) {
    if (!pending.has(name)) continue;
    const done = await locked(db as Db, dialect, async (trx) => {
      if ((await trx.selectFrom(TABLE).select("name").where("name", "=", name).executeTakeFirst()) !== undefined) {
        return true;
      }
      try {
        await migration.up(trx);
      } catch (error) {
        throw new Error(`database migration ${name} failed (nothing of it was applied): ${String(error)}`, {
          cause: error,
        });
      }
      await trx.insertInto(TABLE).values({ name, timestamp: new Date().toISOString() }).execute();
      return false;
    });
    if (!done) ran.push(name);
  }
  return ran;
}

/** The newest migration applied to the database (by name, which sorts in order), or undefined before any. */
export async function appliedHead(db: AnyDb): Promise<string | undefined> {
  const { rows } = await sql<{ name: string | null }>`select max(name) as name from ${sql.table(TABLE)}`.execute(db);
  return rows[0]?.name ?? undefined;
}
