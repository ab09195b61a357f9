import { Option } from "commander";

export const DEFAULT_DATABASE = "./.hubhooks/hubhooks.db";

/** `--database`, shared by every command that opens the database directly. */
export function databaseOption(): Option {
  return new Option("--database <location>", "SQLite file path or postgres:// URL")
    .env("HUBHOOKS_DATABASE_URL")
    .default(DEFAULT_DATABASE);
}

/** Opens the server's database for a one-off command and always closes it. */
export async function withDatabase<T>(
  location: string,
  work: (server: typeof import("@hubhooks/server"), db: import("@hubhooks/server").OpenDatabase) => Promise<T>,
): Promise<T> {
  // Loaded here, not at the top, so `hubhooks webhooks …` against huggingface.co never loads a database driver.
  const server = await import("@hubhooks/server");
  const database = await server.openDatabase(location);
  try {
    return await work(server, database);
  } finally {
    await database.close();
  }
}
