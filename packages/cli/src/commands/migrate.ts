import type { Command } from "commander";
import { databaseOption, describeDatabase, withDatabase } from "../database-option.js";
import { formatOf, formatOptions } from "../format-option.js";
import { say } from "../terminal.js";
import { printJson, printTable } from "./webhooks/print.js";

/**
 * `hubhooks migrate [--status]`: brings the schema up to date (what `serve` and `worker` also do when they start),
 * or with `--status` lists what ran and what is pending without changing anything.
 */
export function registerMigrate(program: Command): void {
  const migrate = program
    .command("migrate")
    .description("bring the database schema up to date (forward only), or show it with --status")
    .option("--status", "list applied and pending migrations; change nothing")
    .addOption(databaseOption());
  for (const option of formatOptions(["text", "json"])) migrate.addOption(option);
  migrate.action(async (options: { database: string; status?: boolean; format?: string; json?: boolean }) => {
    const json = formatOf(options) === "json";
    await withDatabase(
      options.database,
      async ({ migrateToLatest, migrationStatus }, { db, dialect }) => {
        if (options.status) {
          const status = await migrationStatus(db);
          if (json) return printJson(status);
          printTable([
            ["MIGRATION", "APPLIED"],
            ...status.migrations.map(({ name, appliedAt }) => [name, appliedAt ?? "pending"]),
            ...status.unknown.map((name) => [name, "unknown here: run by a newer hubhooks"]),
          ]);
          const pending = status.migrations.filter((migration) => !migration.appliedAt).length;
          return say(pending === 0 ? "Up to date." : `${pending} pending: run "hubhooks migrate".`);
        }
        const ran = await migrateToLatest(db, dialect);
        if (json) return printJson({ applied: ran });
        say(
          ran.length === 0
            ? `${describeDatabase(options.database)} is up to date.`
            : `Applied ${ran.length} migration${ran.length === 1 ? "" : "s"} to ${describeDatabase(options.database)}: ${ran.join(", ")}`,
        );
      },
      { migrate: false },
    );
  });
}
