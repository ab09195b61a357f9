import type { Command } from "commander";
import { CliError } from "../cli-error.js";
import { databaseOption, withDatabase } from "../database-option.js";

export function registerUsers(program: Command): void {
  const users = program.command("users").description("manage the users of a hubhooks server");

  users
    .command("create <name>")
    .description("create a user and print its access token")
    .option("--publisher", "allow this user to publish events to /api/events")
    .option("--json", 'print {"name", "token"} as JSON')
    .addOption(databaseOption())
    .action(async (name: string, options: { publisher?: boolean; json?: boolean; database: string }) => {
      await withDatabase(options.database, async ({ createUser, AccountError }, { db }) => {
        try {
          const { token } = await createUser(db, name, { publisher: options.publisher ?? false });
          process.stdout.write(options.json ? `${JSON.stringify({ name, token })}\n` : `${token}\n`);
        } catch (error) {
          if (error instanceof AccountError) throw new CliError(error.message);
          throw error;
        }
      });
    });

  users
    .command("token <name>")
    .description("issue another access token for a user")
    .option("--json", 'print {"name", "token"} as JSON')
    .addOption(databaseOption())
    .action(async (name: string, options: { json?: boolean; database: string }) => {
      await withDatabase(options.database, async ({ findUserByName, issueToken }, { db }) => {
        const user = await findUserByName(db, name);
        if (!user) throw new CliError(`no user named "${name}"`);
        const token = await issueToken(db, user.id);
        process.stdout.write(options.json ? `${JSON.stringify({ name, token })}\n` : `${token}\n`);
      });
    });

  users
    .command("ls")
    .description("list users")
    .option("--json", "print JSON")
    .addOption(databaseOption())
    .action(async (options: { json?: boolean; database: string }) => {
      await withDatabase(options.database, async ({ listUsers }, { db }) => {
        const all = await listUsers(db);
        if (options.json) process.stdout.write(`${JSON.stringify(all)}\n`);
        else for (const user of all) process.stdout.write(`${user.name}${user.publisher ? " (publisher)" : ""}\n`);
      });
    });
}
