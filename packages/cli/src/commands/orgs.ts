import type { Command } from "commander";
import { CliError } from "../cli-error.js";
import { databaseOption, withDatabase } from "../database-option.js";
import { addOutputOptions, type OutputFlags, outputFormat } from "../output/format.js";
import { printJson } from "../output/print.js";
import { printTable } from "../output/table.js";
import { oneLine, say } from "../terminal.js";

const collect = (value: string, previous: string[]) => [...previous, value];

type FormatFlags = OutputFlags & { database: string };
const QUIET = "names only, one a line";

export function registerOrgs(program: Command): void {
  const orgs = program.command("orgs").description("manage the organizations of a hubhooks server");
  const create = orgs
    .command("create <org>")
    .description("create an organization (or add members to an existing one)")
    .option("--member <user>", "add a member (repeatable)", collect, [])
    .addOption(databaseOption());
  addOutputOptions(create, QUIET);
  create.action(async (name: string, options: FormatFlags & { member: string[] }) => {
    await withDatabase(options.database, async ({ createOrg, AccountError }, { db }) => {
      try {
        const org = await createOrg(db, name, options.member);
        const format = outputFormat(options);
        if (format === "json") printJson({ name: org.name, members: org.members });
        else if (format === "quiet") say(oneLine(org.name));
        else say(oneLine(`${org.name}: ${org.members.length ? org.members.join(", ") : "(no members)"}`));
      } catch (error) {
        if (error instanceof AccountError) throw new CliError(error.message);
        throw error;
      }
    });
  });

  const ls = orgs
    .command("ls")
    .alias("list")
    .description("list organizations and their members")
    .addOption(databaseOption());
  addOutputOptions(ls, QUIET);
  ls.action(async (options: FormatFlags) => {
    await withDatabase(options.database, async ({ listOrgs }, { db }) => {
      const all = await listOrgs(db);
      const format = outputFormat(options);
      if (format === "json") printJson(all);
      else if (format === "quiet") for (const org of all) say(oneLine(org.name));
      else printTable([["ORG", "MEMBERS"], ...all.map((org) => [org.name, org.members.join(", ") || "-"])]);
    });
  });
}
