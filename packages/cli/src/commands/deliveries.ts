import { type DeliverySummary, eventName } from "@hubhooks/schemas";
import type { Command } from "commander";
import { addHubOptions, credentials } from "../hub-options.js";
import { addOutputOptions, type OutputFlags, outputFormat } from "../output/format.js";
import { printJson, printLines } from "../output/print.js";
import { printTable } from "../output/table.js";
import { runClientAction } from "../run-action.js";
import { oneLine, say } from "../terminal.js";
import { tailDeliveries } from "./deliveries-tail.js";
import { describeDelivery, startedJobLine } from "./describe-delivery.js";
import { parseSince } from "./recover.js";

const LOCAL_SERVER = "http://127.0.0.1:7861";

export function registerDeliveries(program: Command): void {
  const deliveries = addHubOptions(
    program.command("deliveries").description("read a webhook's activity log (hubhooks servers)"),
    LOCAL_SERVER,
  );

  addOutputOptions(
    deliveries
      .command("ls <webhookId>")
      .description("list recent deliveries, newest first")
      .option("--status <status>", "pending, delivered, failed, rate_limited or cancelled")
      .option("--limit <n>", "how many", "20")
      .option("--cursor <cursor>", "continue after a previous page")
      .option("--scope <scope>", "only this event scope, e.g. repo.content")
      .option("--since <when>", "only deliveries since: a duration ago (2h, 30m, 3d) or an ISO 8601 time"),
  ).action(
    async (
      webhookId: string,
      options: OutputFlags & { status?: string; limit: string; cursor?: string; scope?: string; since?: string },
      command: Command,
    ) => {
      await runClientAction(async () => {
        const { listDeliveries } = await import("@hubhooks/client");
        const page = await listDeliveries({
          ...credentials(command),
          webhookId,
          limit: Number(options.limit),
          ...(options.status && { status: options.status as DeliverySummary["status"] }),
          ...(options.cursor && { cursor: options.cursor }),
          ...(options.scope && { scope: options.scope }),
          ...(options.since && { since: parseSince(options.since) }),
        });
        const format = outputFormat(options);
        if (format === "json") {
          printJson(page);
          return;
        }
        if (format === "quiet") {
          printLines(page.deliveries.map((d) => d.id));
          return;
        }
        const withErrors = page.deliveries.some((d) => d.lastStatusCode === null && d.lastError);
        // A job webhook's deliveries: the Job each started and its stage now.
        const withJobs = page.deliveries.some((d) => d.job !== undefined);
        const header = [
          "ID",
          "UTC",
          "EVENT",
          "REPO",
          "STATUS",
          "HTTP",
          "TRIES",
          ...(withJobs ? ["JOB", "JOB STAGE"] : []),
          ...(withErrors ? ["ERROR"] : []),
        ];
        const rows = page.deliveries.map((d) => [
          d.id,
          d.createdAt.slice(11, 19),
          eventName(d),
          d.repo,
          d.status,
          d.lastStatusCode === null ? "-" : String(d.lastStatusCode),
          String(d.attempts),
          ...(withJobs ? [d.job?.id ?? "-", d.job?.stage ?? "-"] : []),
          ...(withErrors ? [d.lastStatusCode === null && d.lastError ? d.lastError : ""] : []),
        ]);
        printTable([header, ...rows], [3, 7]);
        say(`\n${page.usage.count} / ${page.usage.limit} triggers in the last ${page.usage.windowHours} h`);
        if (page.nextCursor) say(`more: --cursor ${oneLine(page.nextCursor)}`);
        const job = page.deliveries.find((d) => d.job)?.job;
        if (job) say(`a job's logs: hubhooks jobs logs ${job.id} --namespace ${oneLine(job.namespace)}`);
      });
    },
  );

  addOutputOptions(
    deliveries
      .command("tail [webhookId]")
      .description(
        "print the latest deliveries of one or all of your webhooks; --follow prints each new one and each change",
      )
      .option("-f, --follow", "keep printing as deliveries happen (Ctrl-C to stop)"),
    "delivery ids; json: JSON lines",
  ).action(tailDeliveries);

  addOutputOptions(
    deliveries.command("info <webhookId> <deliveryId>").description("show a delivery's payload and every attempt"),
    "its status",
  ).action(async (webhookId: string, deliveryId: string, options: OutputFlags, command: Command) => {
    await runClientAction(async () => {
      const { getDelivery } = await import("@hubhooks/client");
      const delivery = await getDelivery({ ...credentials(command), webhookId, deliveryId });
      const format = outputFormat(options);
      if (format === "json") {
        printJson(delivery);
        return;
      }
      if (format === "quiet") {
        say(delivery.status);
        return;
      }
      say(describeDelivery(delivery));
    });
  });
}

export function registerReplay(program: Command): void {
  addOutputOptions(
    addHubOptions(program.command("replay <webhookId> <deliveryId>"), LOCAL_SERVER),
    "the delivery's status after it",
  )
    .description("send a delivery again to the webhook's current URL and secret")
    .action(async (webhookId: string, deliveryId: string, options: OutputFlags, command: Command) => {
      await runClientAction(async () => {
        const { replayDelivery } = await import("@hubhooks/client");
        const { attempt, delivery } = await replayDelivery({ ...credentials(command), webhookId, deliveryId });
        const format = outputFormat(options);
        if (format === "json") {
          printJson({ attempt, delivery });
          return;
        }
        if (format === "quiet") {
          say(delivery.status);
          return;
        }
        const result = attempt.statusCode === null ? attempt.error : `HTTP ${attempt.statusCode}`;
        say(
          oneLine(
            `Replayed ${deliveryId} to ${attempt.url}: ${result} in ${attempt.durationMs} ms (now ${delivery.status})`,
          ),
        );
        if (attempt.job !== undefined) say(oneLine(startedJobLine(attempt.job)));
      });
    });
}
