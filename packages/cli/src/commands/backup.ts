import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { CliError } from "../cli-error.js";
import { checkSqliteLocation, databaseOption, isPostgresLocation } from "../database-option.js";
import { addOutputOptions, type OutputFlags, outputFormat } from "../output/format.js";
import { printJson, printLines } from "../output/print.js";
import { say } from "../terminal.js";

const PG_DUMP_HINT =
  "a PostgreSQL database is backed up with its own tools: pg_dump --format=custom --file=hubhooks.dump <url> (restore with pg_restore; see the README)";

/** `hubhooks backup <file>`: a consistent copy of the SQLite database, while the server goes on serving. */
export function registerBackup(program: Command): void {
  const backup = program
    .command("backup <file>")
    .description("copy the SQLite database to <file>, consistent while the server runs (PostgreSQL: use pg_dump)")
    .addOption(databaseOption());
  addOutputOptions(backup, "the backup's path");
  backup.action(async (file: string, options: OutputFlags & { database: string }) => {
    if (isPostgresLocation(options.database)) throw new CliError(PG_DUMP_HINT);
    checkSqliteLocation(options.database, { create: false, isDefault: false });
    const target = resolve(file);
    if (existsSync(target)) throw new CliError(`${target} exists: give a new file name (a backup never overwrites)`);
    if (!existsSync(resolve(target, "..")))
      throw new CliError(`the folder of ${target} does not exist: create it first`);
    const { backupSqlite } = await import("@hubhooks/server");
    let result: Awaited<ReturnType<typeof backupSqlite>>;
    try {
      result = await backupSqlite(options.database, target);
    } catch (error) {
      throw new CliError(`backup failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const format = outputFormat(options);
    if (format === "json") return printJson({ file: target, ...result });
    if (format === "quiet") return printLines([target]);
    const { rows } = result;
    say(
      `Backed up ${resolve(options.database)} to ${target} (${(result.bytes / 1024 / 1024).toFixed(1)} MiB, integrity ok): ` +
        `${rows.users} users, ${rows.webhooks} webhooks, ${rows.deliveries} deliveries (${rows.pending} pending)`,
    );
  });
}
