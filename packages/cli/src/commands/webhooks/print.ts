import type { WebhookInfo } from "@hubhooks/client";
import { formatTable } from "../../table.js";

export type Format = "table" | "json" | "quiet";

const watchedText = (webhook: WebhookInfo) => webhook.watched.map((w) => `${w.type}:${w.name}`).join(", ");

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printWebhook(webhook: WebhookInfo, format: string | undefined): void {
  if (format === "json") {
    printJson(webhook);
    return;
  }
  const lines = [
    ["id", webhook.id],
    ["url", webhook.url ?? "(job)"],
    ["watched", watchedText(webhook)],
    ["domains", webhook.domains.join(", ")],
    ["secret", webhook.secret ? "(set)" : "(none)"],
    ["signing", webhook.signingSecret ? "on (Standard Webhooks)" : "off"],
    ...(webhook.failingSince
      ? [["failing", webhook.failureWarning ?? `every attempt has failed since ${webhook.failingSince.toISOString()}`]]
      : []),
    ["disabled", webhook.disabledReason ? `true: ${webhook.disabledReason}` : String(webhook.disabled)],
  ];
  process.stdout.write(`${lines.map(([key, value]) => `${key}:`.padEnd(10) + value).join("\n")}\n`);
}

/** A plain aligned table, like `hf webhooks ls`. */
export function printTable(rows: string[][], shrinkable: number[] = []): void {
  process.stdout.write(`${formatTable(rows, shrinkable)}\n`);
}

export function printWebhookList(webhooks: WebhookInfo[], format: string | undefined): void {
  if (format === "json") {
    printJson(webhooks);
    return;
  }
  if (format === "quiet") {
    for (const webhook of webhooks) process.stdout.write(`${webhook.id}\n`);
    return;
  }
  if (webhooks.length === 0) {
    process.stdout.write("No results found.\n");
    return;
  }
  printTable(
    [
      ["ID", "URL", "DISABLED", "DOMAINS", "WATCHED"],
      ...webhooks.map((w) => [w.id, w.url ?? "(job)", String(w.disabled), w.domains.join(","), watchedText(w)]),
    ],
    [1, 4],
  );
}
