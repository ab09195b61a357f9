import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../../../test-support/cli.js";
import { createTestDatabase, DIALECTS, type TestDatabase } from "../../../../test-support/databases.js";

describe.each(DIALECTS)("hubhooks migrate on %s", (dialect) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });
  const fresh = async () => {
    database = await createTestDatabase(dialect);
    // A SQLite database is a file made by a first start; an empty one is enough to migrate.
    if (dialect === "sqlite") (await import("node:fs")).writeFileSync(database.location, "");
    return database.location;
  };

  it("--status lists pending migrations without running them; three processes at once migrate each once", async () => {
    const location = await fresh();
    const before = await runCli(["migrate", "--status", "--database", location, "--format", "json"]);
    expect(before.stderr).toBe("");
    const pending = JSON.parse(before.stdout) as { migrations: Array<{ name: string; appliedAt: string | null }> };
    expect(pending.migrations.length).toBeGreaterThan(10);
    expect(pending.migrations.filter((m) => m.appliedAt !== null)).toEqual([]);
    const text = await runCli(["migrate", "--status", "--database", location]);
    expect(text.stdout).toMatch(
      new RegExp(`0001_accounts_and_webhooks +pending[\\s\\S]*${pending.migrations.length} pending`),
    );

    const runs = await Promise.all(
      [1, 2, 3].map(() => runCli(["migrate", "--database", location, "--format", "json"])),
    );
    for (const run of runs) expect(run, run.stderr).toMatchObject({ code: 0, stderr: "" });
    const applied = runs.flatMap((run) => (JSON.parse(run.stdout) as { applied: string[] }).applied);
    expect(applied.sort()).toEqual(pending.migrations.map((m) => m.name).sort());

    const after = await runCli(["migrate", "--status", "--database", location]);
    expect(after.stdout).not.toMatch(/pending/);
    expect(after.stdout).toMatch(/Up to date\.\n$/);
    expect((await runCli(["migrate", "--database", location])).stdout).toMatch(/is up to date\.\n$/);
  }, 60_000);
});
