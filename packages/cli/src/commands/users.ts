import type { Command } from "commander";
import { CliError } from "../cli-error.js";
import { databaseOption, withDatabase } from "../database-option.js";
import { addOutputOptions, type OutputFlags, outputFormat } from "../output/format.js";
import { printJson } from "../output/print.js";
import { printTable } from "../output/table.js";
import { oneLine, say } from "../terminal.js";

type FormatFlags = OutputFlags & { database: string };
const QUIET = "the token";

function printToken(name: string, token: string, options: FormatFlags): void {
  if (outputFormat(options) === "json") printJson({ name, token });
  else process.stdout.write(`${token}\n`);
}

export function registerUsers(program: Command): void {
  const users = program.command("users").description("manage the users of a hubhooks server");

  const create = users
    .command("create <name>")
    .description("create a user and print its access token")
    .option("--publisher", "allow this user to publish events to /api/events")
    .addOption(databaseOption());
  addOutputOptions(create, QUIET);
  create.action(async (name: string, options: FormatFlags & { publisher?: boolean }) => {
    await withDatabase(options.database, async ({ createUser, AccountError }, { db }) => {
      try {
        const { token } = await createUser(db, name, { publisher: options.publisher ?? false });
        printToken(name, token, options);
      } catch (error) {
        if (error instanceof AccountError) throw new CliError(error.message);
        throw error;
      }
    });
  });

  const token = users
    .command("token <name>")
    .description("issue another access token for a user")
    .addOption(databaseOption());
  addOutputOptions(token, QUIET);
  token.action(async (name: string, options: FormatFlags) => {
    await withDatabase(options.database, async ({ findUserByName, issueToken }, { db }) => {
      const user = await findUserByName(db, name);
      if (!user) throw new CliError(`no user named "${name}"`);
      printToken(name, await issueToken(db, user.id), options);
    });
  });

  const ls = users.command("ls").alias("list").description("list users").addOption(databaseOption());
  addOutputOptions(ls, "names only, one a line");
  ls.action(async (options: FormatFlags) => {
    await withDatabase(options.database, async ({ listUsers }, { db }) => {
      const all = await listUsers(db);
      const format = outputFormat(options);
      if (format === "json") printJson(all);
      else if (format === "quiet") for (const user of all) say(oneLine(user.name));
      else printTable([["USER", "ROLE"], ...all.map((user) => [user.name, user.publisher ? "publisher" : "user"])]);
    });
  });
}
