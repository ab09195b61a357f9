import type { Command } from "commander";
import { CliError } from "../cli-error.js";
import { addHubOptions, credentials } from "../hub-options.js";
import { addOutputOptions, type OutputFlags, outputFormat } from "../output/format.js";
import { printJson } from "../output/print.js";
import { runClientAction } from "../run-action.js";
import { oneLine, say } from "../terminal.js";

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "2h", "30m", "3d", "90s" as a time that long ago; anything else must be an ISO 8601 time. */
export function parseSince(value: string, now = Date.now()): string {
  const relative = /^(\d+)([smhd])$/.exec(value.trim());
  if (relative) return new Date(now - Number(relative[1]) * (UNITS[relative[2] as string] as number)).toISOString();
  if (Number.isNaN(Date.parse(value)))
    throw new CliError(`"${value}" is neither a duration (2h, 30m, 3d) nor an ISO 8601 time`);
  return new Date(value).toISOString();
}

function bar(queued: number, limit: number, done: boolean): string {
  const width = 30;
  const filled = done ? width : Math.min(width - 1, Math.round((queued / limit) * width));
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${queued} queued${done ? ", done" : ""}`;
}

/** `hubhooks recover <webhookId> --since 2h [--until …]`: bulk recovery with a progress bar until the job ends. */
export function registerRecover(program: Command): void {
  addOutputOptions(addHubOptions(program.command("recover <webhookId>"), "http://127.0.0.1:7861"), "the number queued")
    .description(
      "send again every delivery that failed, was cancelled or rate limited in a window (at most 14 days, 10 000 deliveries)",
    )
    .requiredOption("--since <when>", "start of the window: a duration ago (2h, 30m, 3d) or an ISO 8601 time")
    .option("--until <when>", "end of the window (default: now)")
    .action(async (webhookId: string, options: OutputFlags & { since: string; until?: string }, command: Command) => {
      const since = parseSince(options.since);
      const until = options.until === undefined ? undefined : parseSince(options.until);
      const format = outputFormat(options);
      await runClientAction(async () => {
        const { recoverDeliveries, getRecovery } = await import("@hubhooks/client");
        const hub = credentials(command);
        let job = await recoverDeliveries({ ...hub, webhookId, since, ...(until && { until }) });
        const tty = process.stdout.isTTY && format === "table";
        while (job.status !== "done") {
          if (tty) process.stdout.write(`\r${bar(job.queued, job.limit, false)}`);
          await new Promise((resolve) => setTimeout(resolve, 250));
          job = await getRecovery({ ...hub, webhookId, recoveryId: job.id });
        }
        if (format === "json") printJson(job);
        else if (format === "quiet") process.stdout.write(`${job.queued}\n`);
        else {
          if (tty) process.stdout.write(`\r${bar(job.queued, job.limit, true)}\n`);
          const capped =
            job.queued >= job.limit
              ? ` (the limit of ${job.limit} per call: run it again with --since after the last one)`
              : "";
          say(
            oneLine(
              `Recovery ${job.id}: ${job.queued} ${job.queued === 1 ? "delivery" : "deliveries"} queued again since ${job.since}${capped}`,
            ),
          );
        }
      });
    });
}
