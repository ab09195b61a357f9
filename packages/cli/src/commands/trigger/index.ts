import { type Command, InvalidArgumentError, Option } from "commander";
import { addHubOptions, credentials } from "../../hub-options.js";
import { runClientAction } from "../../run-action.js";
import { printJson } from "../webhooks/print.js";
import { buildEvent, parseRepo, type TriggerOptions } from "./build-event.js";

const positiveInt = (value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError("expected a positive integer");
  return number;
};

export function registerTrigger(program: Command): void {
  addHubOptions(program.command("trigger <scope>"), "http://127.0.0.1:7861")
    .description("emulate a Hub event (repo, repo.content, repo.config, discussion, discussion.comment, …)")
    .requiredOption(
      "--repo <repo>",
      "[model|dataset|space/]<namespace>/<name>, or a canonical [type/]<name> such as gpt2",
      parseRepo,
    )
    .addOption(
      new Option("--action <action>", "create, update, delete or move").choices(["create", "update", "delete", "move"]),
    )
    .option("--private", "the repo is private")
    .option("--discussion <num>", "discussion or PR number", positiveInt)
    .option("--title <title>", "discussion title")
    .option("--pr", "the discussion is a pull request")
    .option("--comment <text>", "comment content")
    .option("--ref <ref>", "updated ref for repo.content", "refs/heads/main")
    .option("--format <format>", "text or json", "text")
    .action(async (scope: string, options: TriggerOptions & { format: string }, command: Command) => {
      await runClientAction(async () => {
        const { publishEvents } = await import("@hubhooks/client");
        const event = buildEvent(scope, options);
        const [result] = await publishEvents({ ...credentials(command), events: [event] });
        if (options.format === "json") {
          printJson({ ...result, event });
          return;
        }
        const limited = result?.rateLimited ? ` (${result.rateLimited} over the rate limit)` : "";
        process.stdout.write(`Event ${result?.eventId}: ${result?.deliveries} deliveries created${limited}\n`);
      });
    });
}
