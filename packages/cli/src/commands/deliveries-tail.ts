import type { DeliverySummary } from "@hubhooks/schemas";
import type { Command } from "commander";
import { credentials } from "../hub-options.js";
import { runClientAction } from "../run-action.js";
import { oneLine, say } from "../terminal.js";

const POLL_MS = 1_000;

const truncate = (text: string, width: number) => (text.length <= width ? text : `${text.slice(0, width - 1)}…`);

/** One line per delivery state: time, webhook, scope, status, HTTP code, error, ms. */
export function tailLine(d: DeliverySummary): string {
  const time = d.updatedAt.slice(11, 19);
  const http = d.lastStatusCode === null ? "-" : String(d.lastStatusCode);
  const error = d.lastError && d.lastStatusCode === null ? truncate(d.lastError, 40) : "";
  const ms = d.lastDurationMs === null ? "" : `${d.lastDurationMs} ms`;
  return [
    time,
    d.webhookId,
    truncate(`${d.scope}.${d.action}`, 22).padEnd(22),
    d.status.padEnd(12),
    http.padEnd(4),
    ms.padEnd(8),
    error,
  ]
    .join("  ")
    .trimEnd();
}

/**
 * `hubhooks deliveries tail [webhookId] [--follow]`: the latest deliveries of one or all of your webhooks, then
 * (with --follow) every new delivery and every change of state as it happens, until Ctrl-C.
 */
export async function tailDeliveries(
  webhookId: string | undefined,
  options: { follow?: boolean; format: string },
  command: Command,
): Promise<void> {
  await runClientAction(async () => {
    const { listDeliveries, listWebhooks } = await import("@hubhooks/client");
    const hub = credentials(command);
    const ids = webhookId ? [webhookId] : (await listWebhooks(hub)).map((webhook) => webhook.id);
    const seen = new Map<string, string>();
    const print = (d: DeliverySummary) => {
      if (options.format === "json") process.stdout.write(`${JSON.stringify(d)}\n`);
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
    if (options.format !== "json") {
      process.stdout.write(
        `${["TIME    ", "WEBHOOK".padEnd(24), "EVENT".padEnd(22), "STATUS".padEnd(12), "HTTP", "TIME".padEnd(8), "ERROR"].join("  ")}\n`,
      );
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
