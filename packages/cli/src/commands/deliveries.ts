import type { DeliverySummary } from "@hubhooks/schemas";
import { type Command, Option } from "commander";
import { addHubOptions, credentials } from "../hub-options.js";
import { runClientAction } from "../run-action.js";
import { oneLine, say } from "../terminal.js";
import { tailDeliveries } from "./deliveries-tail.js";
import { printJson, printTable } from "./webhooks/print.js";

const LOCAL_SERVER = "http://127.0.0.1:7861";
const formatOption = () => new Option("--format <format>", "output format").choices(["table", "json"]).default("table");

export function registerDeliveries(program: Command): void {
  const deliveries = addHubOptions(
    program.command("deliveries").description("read a webhook's activity log (hubhooks servers)"),
    LOCAL_SERVER,
  );

  deliveries
    .command("ls <webhookId>")
    .description("list recent deliveries, newest first")
    .option("--status <status>", "pending, delivered, failed, rate_limited or cancelled")
    .option("--limit <n>", "how many", "20")
    .option("--cursor <cursor>", "continue after a previous page")
    .addOption(formatOption())
    .action(
      async (
        webhookId: string,
        options: { status?: string; limit: string; cursor?: string; format: string },
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
          });
          if (options.format === "json") {
            printJson(page);
            return;
          }
          const withErrors = page.deliveries.some((d) => d.lastStatusCode === null && d.lastError);
          const header = ["ID", "UTC", "EVENT", "REPO", "STATUS", "HTTP", "TRIES", ...(withErrors ? ["ERROR"] : [])];
          const rows = page.deliveries.map((d) => [
            d.id,
            d.createdAt.slice(11, 19),
            `${d.scope}/${d.action}`,
            d.repo,
            d.status,
            d.lastStatusCode === null ? "-" : String(d.lastStatusCode),
            String(d.attempts),
            ...(withErrors ? [d.lastStatusCode === null && d.lastError ? d.lastError : ""] : []),
          ]);
          printTable([header, ...rows], [3, 7]);
          say(`\n${page.usage.count} / ${page.usage.limit} triggers in the last ${page.usage.windowHours} h`);
          if (page.nextCursor) say(`more: --cursor ${oneLine(page.nextCursor)}`);
        });
      },
    );

  deliveries
    .command("tail [webhookId]")
    .description(
      "print the latest deliveries of one or all of your webhooks; --follow prints each new one and each change",
    )
    .option("-f, --follow", "keep printing as deliveries happen (Ctrl-C to stop)")
    .addOption(
      new Option("--format <format>", "output format: lines or JSON lines").choices(["table", "json"]).default("table"),
    )
    .action(tailDeliveries);

  deliveries
    .command("info <webhookId> <deliveryId>")
    .description("show a delivery's payload and every attempt")
    .addOption(new Option("--format <format>", "output format").choices(["json", "text"]).default("json"))
    .action(async (webhookId: string, deliveryId: string, options: { format: string }, command: Command) => {
      await runClientAction(async () => {
        const { getDelivery } = await import("@hubhooks/client");
        const delivery = await getDelivery({ ...credentials(command), webhookId, deliveryId });
        if (options.format === "json") {
          printJson(delivery);
          return;
        }
        const lines = [`${delivery.id}  ${delivery.scope}/${delivery.action}  ${delivery.repo}  ${delivery.status}`];
        for (const attempt of delivery.attemptLog) {
          const answer = attempt.statusCode === null ? attempt.error : `HTTP ${attempt.statusCode}`;
          lines.push(
            `  #${attempt.attempt} ${attempt.trigger.padEnd(6)} ${attempt.startedAt}  ${answer}  ${attempt.durationMs} ms  ${attempt.url}`,
          );
        }
        say(lines.map(oneLine).join("\n"));
      });
    });
}

export function registerReplay(program: Command): void {
  addHubOptions(program.command("replay <webhookId> <deliveryId>"), LOCAL_SERVER)
    .description("send a delivery again to the webhook's current URL and secret")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .action(async (webhookId: string, deliveryId: string, options: { format: string }, command: Command) => {
      await runClientAction(async () => {
        const { replayDelivery } = await import("@hubhooks/client");
        const { attempt, delivery } = await replayDelivery({ ...credentials(command), webhookId, deliveryId });
        if (options.format === "json") {
          printJson({ attempt, delivery });
          return;
        }
        const result = attempt.statusCode === null ? attempt.error : `HTTP ${attempt.statusCode}`;
        say(
          oneLine(
            `Replayed ${deliveryId} to ${attempt.url}: ${result} in ${attempt.durationMs} ms (now ${delivery.status})`,
          ),
        );
      });
    });
}
