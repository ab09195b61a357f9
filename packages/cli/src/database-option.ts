import { existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Option } from "commander";
import { CliError } from "./cli-error.js";

export const DEFAULT_DATABASE = "./.hubhooks/hubhooks.db";

/** `--database`, shared by every command that opens the database directly. */
export function databaseOption(): Option {
  return new Option("--database <location>", "SQLite file path or postgres:// URL")
    .env("HUBHOOKS_DATABASE_URL")
    .default(DEFAULT_DATABASE);
}

export function isPostgresLocation(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The location as it may be printed: a PostgreSQL URL with its password masked, a file as an absolute path. */
export function describeDatabase(location: string): string {
  if (!isPostgresLocation(location)) return location === ":memory:" ? location : resolve(location);
  try {
    const url = new URL(location);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return "postgres://(unparsable URL)";
  }
}

/**
 * Makes sure a SQLite database can be opened: `serve` may create the default `./.hubhooks/` folder, nothing else
 * creates folders, and commands other than `serve` never create a database file.
 */
export function checkSqliteLocation(location: string, mode: { create: boolean; isDefault: boolean }): void {
  if (isPostgresLocation(location) || location === ":memory:") return;
  if (!mode.create) {
    if (!existsSync(location)) {
      throw new CliError(
        `no database at ${resolve(location)}: run this command where "hubhooks serve" runs, or pass --database (or HUBHOOKS_DATABASE_URL)`,
      );
    }
    return;
  }
  const folder = dirname(location);
  if (existsSync(folder)) return;
  if (!mode.isDefault)
    throw new CliError(`the folder of --database ${resolve(location)} does not exist: create it first`);
  mkdirSync(folder, { recursive: true });
}

/** One line saying why the database could not be opened, naming it (password masked). */
export function databaseFailure(location: string, error: unknown): CliError {
  const cause = error instanceof Error ? ((error.cause as Error | undefined) ?? error) : undefined;
  const code = (cause as { code?: string } | undefined)?.code;
  const reason = [code, cause?.message ?? String(error)].filter(Boolean).join(": ");
  return new CliError(`could not open the database ${describeDatabase(location)}: ${reason}`);
}

/** Opens an existing server database for a one-off command and always closes it. */
export async function withDatabase<T>(
  location: string,
  work: (server: typeof import("@hubhooks/server"), db: import("@hubhooks/server").OpenDatabase) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  checkSqliteLocation(location, { create: false, isDefault: false });
  // Loaded here, not at the top, so `hubhooks webhooks …` against huggingface.co never loads a database driver.
  const server = await import("@hubhooks/server");
  let database: import("@hubhooks/server").OpenDatabase;
  try {
    database = await server.openDatabase(location, options);
  } catch (error) {
    throw databaseFailure(location, error);
  }
  try {
    return await work(server, database);
  } finally {
    await database.close();
  }
}
