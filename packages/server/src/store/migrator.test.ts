import { type Kysely, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../../test-support/databases.js";
import { DIALECTS } from "../test-support/harness.js";
import { MIGRATIONS, type Migration } from "./migrations/index.js";
import { migrateToLatest, migrationStatus } from "./migrator.js";
import { openPostgres } from "./postgres.js";
import { openSqlite } from "./sqlite.js";

// Processes that migrate at once: packages/cli/src/commands/migrate.test.ts (three `hubhooks migrate` processes;
// better-sqlite3 is synchronous, so two connections in one process would wait on each other's lock forever).
describe.each(DIALECTS)("migrations on %s", (dialect) => {
  const opened: Array<Kysely<any>> = [];
  let database: TestDatabase | undefined;
  const connect = async () => {
    database ??= await createTestDatabase(dialect);
    const db = (
      dialect === "postgres" ? openPostgres(database.location) : openSqlite(database.location)
    ) as Kysely<any>;
    opened.push(db);
    return db;
  };
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.destroy();
    await database?.drop();
    database = undefined;
  });
  const tableExists = async (db: Kysely<any>, name: string) =>
    (await db.introspection.getTables()).some((table) => table.name === name);

  it("runs every migration once, in order, and says what ran", async () => {
    const db = await connect();
    const before = await migrationStatus(db);
    expect(before.migrations.every((m) => m.appliedAt === null)).toBe(true);
    expect(await db.introspection.getTables({ withInternalKyselyTables: true }), "status only reads").toEqual([]);
    expect(await migrateToLatest(db, dialect)).toEqual(MIGRATIONS.map(([name]) => name));
    expect(await migrateToLatest(db, dialect)).toEqual([]);
    const after = await migrationStatus(db);
    expect(after.migrations.every((m) => m.appliedAt !== null)).toBe(true);
    expect(after.unknown).toEqual([]);
  });

  it("runs each migration in its own transaction: a failing one leaves nothing of itself, the ones before stay", async () => {
    const db = await connect();
    const half: Migration = {
      async up(trx) {
        await trx.schema.createTable("half_done").addColumn("id", "text").execute();
        await sql`insert into half_done (id) values ('x')`.execute(trx);
        throw new Error("broken on purpose");
      },
    };
    const list = [...MIGRATIONS, ["9999_half", half] as const];
    await expect(migrateToLatest(db, dialect, list)).rejects.toThrow(/9999_half failed \(nothing of it was applied\)/);
    expect(await tableExists(db, "half_done")).toBe(false);
    const status = await migrationStatus(db, list);
    expect(status.migrations.filter((m) => m.appliedAt === null).map((m) => m.name)).toEqual(["9999_half"]);
    expect(await tableExists(db, "webhooks")).toBe(true);
  });

  it("refuses a database that a newer hubhooks migrated (forward only)", async () => {
    const db = await connect();
    await migrateToLatest(db, dialect);
    await db.insertInto("kysely_migration").values({ name: "9999_from_the_future", timestamp: "2030-01-01" }).execute();
    expect((await migrationStatus(db)).unknown).toEqual(["9999_from_the_future"]);
    await expect(migrateToLatest(db, dialect)).rejects.toThrow(/migrated by a newer hubhooks .*9999_from_the_future/);
  });
});
