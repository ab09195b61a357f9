import type { WebhookInfo } from "@hubhooks/client";
import type { OutputFormat } from "../../output/format.js";
import { printJson } from "../../output/print.js";
import { printTable } from "../../output/table.js";
import { oneLine, say } from "../../terminal.js";

const watchedText = (webhook: WebhookInfo) => webhook.watched.map((w) => `${w.type}:${w.name}`).join(", ");

export function printWebhook(webhook: WebhookInfo, format: OutputFormat): void {
  if (format === "json") {
    printJson(webhook);
    return;
  }
  if (format === "quiet") {
    say(oneLine(webhook.id));
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
  say(lines.map(([key, value]) => `${key}:`.padEnd(10) + oneLine(value ?? "")).join("\n"));
}

export function printWebhookList(webhooks: WebhookInfo[], format: OutputFormat): void {
  if (format === "json") {
    printJson(webhooks);
    return;
  }
  if (format === "quiet") {
    for (const webhook of webhooks) say(oneLine(webhook.id));
    return;
  }
  if (webhooks.length === 0) {
    say("No results found.");
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
