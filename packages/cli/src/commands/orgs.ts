import type { Command } from "commander";
import { CliError } from "../cli-error.js";
import { databaseOption, withDatabase } from "../database-option.js";

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerOrgs(program: Command): void {
  const orgs = program.command("orgs").description("manage the organizations of a hubhooks server");
  orgs
    .command("create <org>")
    .description("create an organization (or add members to an existing one)")
    .option("--member <user>", "add a member (repeatable)", collect, [])
    .option("--json", "print the org as JSON")
    .addOption(databaseOption())
    .action(async (name: string, options: { member: string[]; json?: boolean; database: string }) => {
      await withDatabase(options.database, async ({ createOrg, AccountError }, { db }) => {
        try {
          const org = await createOrg(db, name, options.member);
          process.stdout.write(
            options.json
              ? `${JSON.stringify({ name: org.name, members: org.members })}\n`
              : `${org.name}: ${org.members.length ? org.members.join(", ") : "(no members)"}\n`,
          );
        } catch (error) {
          if (error instanceof AccountError) throw new CliError(error.message);
          throw error;
        }
      });
    });
}
