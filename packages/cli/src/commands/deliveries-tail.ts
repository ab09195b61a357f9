import { type DeliverySummary, eventName } from "@hubhooks/schemas";
import type { Command } from "commander";
import { credentials } from "../hub-options.js";
import { type OutputFlags, outputFormat } from "../output/format.js";
import { runClientAction } from "../run-action.js";
import { oneLine, say } from "../terminal.js";

const POLL_MS = 1_000;

const truncate = (text: string, width: number) => (text.length <= width ? text : `${text.slice(0, width - 1)}…`);

/** The columns of a tail line and their widths (a stream cannot measure rows it has not seen yet). */
const COLUMNS: Array<[string, number]> = [
  ["TIME", 8],
  ["DELIVERY", 24],
  ["WEBHOOK", 24],
  ["EVENT", 25],
  ["STATUS", 12],
  ["HTTP", 4],
  ["DURATION", 8],
  ["ERROR", 0],
];

const row = (cells: string[]) =>
  cells
    .map((cell, index) => cell.padEnd(COLUMNS[index]?.[1] ?? 0))
    .join("  ")
    .trimEnd();

export const TAIL_HEADER = row(COLUMNS.map(([name]) => name));

/** One line per delivery state: time (UTC), delivery id, webhook, event, status, HTTP code, duration, error. */
export function tailLine(d: DeliverySummary): string {
  return row([
    d.updatedAt.slice(11, 19),
    d.id,
    d.webhookId,
    truncate(eventName(d), 25),
    d.status,
    d.lastStatusCode === null ? "-" : String(d.lastStatusCode),
    d.lastDurationMs === null ? "" : `${d.lastDurationMs} ms`,
    d.lastError && d.lastStatusCode === null ? truncate(d.lastError, 40) : "",
  ]);
}

/**
 * `hubhooks deliveries tail [webhookId] [--follow]`: the latest deliveries of one or all of your webhooks, then
 * (with --follow) every new delivery and every change of state as it happens, until Ctrl-C.
 */
export async function tailDeliveries(
  webhookId: string | undefined,
  options: OutputFlags & { follow?: boolean },
  command: Command,
): Promise<void> {
  await runClientAction(async () => {
    const { listDeliveries, listWebhooks } = await import("@hubhooks/client");
    const hub = credentials(command);
    const ids = webhookId ? [webhookId] : (await listWebhooks(hub)).map((webhook) => webhook.id);
    const format = outputFormat(options);
    const seen = new Map<string, string>();
    const print = (d: DeliverySummary) => {
      if (format === "json") process.stdout.write(`${JSON.stringify(d)}\n`);
      else if (format === "quiet") say(d.id);
      else say(oneLine(tailLine(d)));
    };
    const poll = async (initial: boolean) => {
      const changed: DeliverySummary[] = [];
      for (const id of ids) {
        const page = await listDeliveries({ ...hub, webhookId: id, limit: initial ? 10 : 50 });
        for (const delivery of page.deliveries) {
          const state = `${delivery.status}:${delivery.attempts}:${delivery.updatedAt}`;
          if (seen.get(delivery.id) === state) continue;
          seen.set(delivery.id, state);
          changed.push(delivery);
        }
      }
      changed.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
      for (const delivery of changed) print(delivery);
    };
    if (format === "table") {
      process.stdout.write(`${TAIL_HEADER}\n`);
    }
    await poll(true);
    if (!options.follow) return;
    if (ids.length === 0)
      process.stderr.write(
        "You have no webhooks yet; waiting for deliveries of new ones is not supported: pass a webhook id.\n",
      );
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      await poll(false);
    }
  });
}
