import type { Command } from "commander";
import { databaseOption, describeDatabase, withDatabase } from "../database-option.js";
import { addOutputOptions, type OutputFlags, outputFormat } from "../output/format.js";
import { printJson, printLines } from "../output/print.js";
import { printTable } from "../output/table.js";
import { say } from "../terminal.js";

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
  addOutputOptions(migrate, "the names of pending migrations with --status, of those applied without");
  migrate.action(async (options: OutputFlags & { database: string; status?: boolean }) => {
    const format = outputFormat(options);
    const json = format === "json";
    await withDatabase(
      options.database,
      async ({ migrateToLatest, migrationStatus }, { db, dialect }) => {
        if (options.status) {
          const status = await migrationStatus(db);
          if (json) return printJson(status);
          if (format === "quiet") {
            return printLines(status.migrations.filter((m) => !m.appliedAt).map((m) => m.name));
          }
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
        if (format === "quiet") return printLines(ran);
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
