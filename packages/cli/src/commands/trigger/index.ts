import { type Command, InvalidArgumentError, Option } from "commander";
import { CliError } from "../../cli-error.js";
import { addHubOptions, credentials } from "../../hub-options.js";
import { addOutputOptions, type OutputFlags, outputFormat } from "../../output/format.js";
import { printJson, printLines } from "../../output/print.js";
import { runClientAction } from "../../run-action.js";
import { oneLine, say } from "../../terminal.js";
import { buildEvent, parseRepo, type TriggerOptions } from "./build-event.js";
import { describeAttempt, describeMatches, plural, waitForAttempts } from "./report.js";

const positiveInt = (value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError("expected a positive integer");
  return number;
};

export function registerTrigger(program: Command): void {
  addOutputOptions(addHubOptions(program.command("trigger <scope>"), "http://127.0.0.1:7861"), "the delivery ids")
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
    .option("--moved-to <name>", "the new name for --action move (default <name>-moved)")
    .option("--wait [seconds]", "wait for the first attempt of each of your matched webhooks (default 30 s)")
    .action(
      async (scope: string, options: TriggerOptions & OutputFlags & { wait?: string | true }, command: Command) => {
        await runClientAction(async () => {
          const { publishEvents } = await import("@hubhooks/client");
          const event = buildEvent(scope, options);
          const hub = credentials(command);
          const [result] = await publishEvents({ ...hub, events: [event] });
          if (!result) throw new CliError("the server answered no result for the event");
          const waitMs = options.wait === undefined ? 0 : options.wait === true ? 30_000 : Number(options.wait) * 1000;
          if (!(waitMs >= 0)) throw new CliError(`--wait must be a number of seconds, got "${options.wait}"`);
          const attempts = waitMs > 0 ? await waitForAttempts(hub, result.eventId, result.webhooks, waitMs) : undefined;
          const failed = attempts
            ? attempts.settled.filter((d) => d.status !== "delivered").length + attempts.unfinished.length
            : 0;
          if (failed > 0) process.exitCode = 1;
          const format = outputFormat(options);
          if (format === "json") {
            printJson({
              ...result,
              event,
              ...(attempts && { attempts: attempts.settled, unfinished: attempts.unfinished }),
            });
            return;
          }
          if (format === "quiet") {
            printLines(result.deliveryIds ?? []);
            return;
          }
          const limited = result.rateLimited ? ` (${result.rateLimited} over the rate limit)` : "";
          if (result.deliveries === 0) {
            say(oneLine(`Event ${result.eventId}: no delivery created: ${result.reason ?? "no webhook matched"}`));
            return;
          }
          const lines = [
            `Event ${result.eventId}: ${plural(result.deliveries, "delivery", "deliveries")} created${limited}`,
          ];
          lines.push(...(await describeMatches(hub, result.webhooks, result.deliveryIds)));
          if (attempts) {
            lines.push("First attempts:", ...attempts.settled.map(describeAttempt));
            for (const id of attempts.unfinished) {
              const deliveryId = result.deliveryIds?.[result.webhooks.indexOf(id)];
              const delivery = deliveryId ? `delivery ${deliveryId}  ` : "";
              lines.push(`  ? ${delivery}webhook ${id}  no attempt seen in ${waitMs / 1000} s (or not your webhook)`);
            }
          }
          say(lines.map(oneLine).join("\n"));
        });
      },
    );
}
