import type { RelayChannel, RelayEventSummary } from "@hubhooks/client";
import type { Command } from "commander";
import { addHubOptions, credentials } from "../hub-options.js";
import { addOutputOptions, type OutputFlags, type OutputFormat, outputFormat } from "../output/format.js";
import { printJson, printLines, printResult } from "../output/print.js";
import { printTable } from "../output/table.js";
import { runClientAction } from "../run-action.js";
import { oneLine, say } from "../terminal.js";

const LOCAL_SERVER = "http://127.0.0.1:7861";

function printChannel(channel: RelayChannel, format: OutputFormat): void {
  if (format === "json") {
    printJson(channel);
    return;
  }
  if (format === "quiet") {
    say(oneLine(channel.id));
    return;
  }
  say(
    [
      `id:       ${channel.id}`,
      `url:      ${oneLine(channel.url)}`,
      `name:     ${oneLine(channel.name)}`,
      `pending:  ${channel.pending}`,
      `listener: ${channel.listening ? "connected" : "none"}`,
      "",
      "Set the url as the webhook URL (on huggingface.co/settings/webhooks, or anything that sends webhooks), then:",
      `  hubhooks listen --channel ${channel.id} --forward-to http://127.0.0.1:7860/webhooks/<name>`,
    ].join("\n"),
  );
}

const answerText = (event: RelayEventSummary) => {
  if (!event.answer) return event.acknowledgedAt ? "-" : "waiting";
  return event.answer.statusCode === null ? (event.answer.error ?? "-") : String(event.answer.statusCode);
};

/** `hubhooks relay create|ls|info|events|replay|rm`: relay channels on a hubhooks server. */
export function registerRelay(program: Command): void {
  const relay = addHubOptions(
    program.command("relay").description("relay channels: a public URL whose requests `hubhooks listen` receives"),
    LOCAL_SERVER,
  );

  addOutputOptions(
    relay
      .command("create")
      .description("create a channel and print its URL")
      .option("--name <name>", "a label for you"),
  ).action(async (options: OutputFlags & { name?: string }, command: Command) => {
    await runClientAction(async () => {
      const { createRelayChannel } = await import("@hubhooks/client");
      const channel = await createRelayChannel({
        ...credentials(command),
        ...(options.name && { name: options.name }),
      });
      printChannel(channel, outputFormat(options));
    });
  });

  addOutputOptions(relay.command("ls").description("list your channels")).action(
    async (options: OutputFlags, command: Command) => {
      await runClientAction(async () => {
        const { listRelayChannels } = await import("@hubhooks/client");
        const channels = await listRelayChannels(credentials(command));
        const format = outputFormat(options);
        if (format === "json") return printJson(channels);
        if (format === "quiet") return printLines(channels.map((c) => c.id));
        if (channels.length === 0) return say("No channels yet: hubhooks relay create");
        const rows = channels.map((c) => [
          c.id,
          c.name || (c.webhookId ? `webhook ${c.webhookId}` : ""),
          String(c.pending),
          c.listening ? "yes" : "no",
          c.url,
        ]);
        printTable([["ID", "NAME", "PENDING", "LISTENING", "URL"], ...rows], [1, 4]);
      });
    },
  );

  addOutputOptions(relay.command("info <channelId>").description("show a channel")).action(
    async (channelId: string, options: OutputFlags, command: Command) => {
      await runClientAction(async () => {
        const { getRelayChannel } = await import("@hubhooks/client");
        printChannel(await getRelayChannel({ ...credentials(command), channelId }), outputFormat(options));
      });
    },
  );

  addOutputOptions(
    relay
      .command("events <channelId>")
      .description("list what came in, newest first, with the local answers")
      .option("--limit <n>", "how many (1-500)", "20"),
  ).action(async (channelId: string, options: OutputFlags & { limit: string }, command: Command) => {
    await runClientAction(async () => {
      const { listRelayEvents } = await import("@hubhooks/client");
      const events = await listRelayEvents({ ...credentials(command), channelId, limit: Number(options.limit) });
      const format = outputFormat(options);
      if (format === "json") return printJson(events);
      if (format === "quiet") return printLines(events.map((e) => e.id));
      if (events.length === 0) return say("No events yet.");
      const rows = events.map((e) => [
        e.id,
        e.receivedAt.slice(0, 19).replace("T", " "),
        `${e.method} ${e.path || "/"}`,
        String(e.size),
        answerText(e),
        e.answer ? `${e.answer.durationMs} ms` : "",
        String(e.sends),
        e.answer?.body.replace(/\s+/g, " ").slice(0, 40) ?? "",
      ]);
      printTable([["ID", "RECEIVED (UTC)", "REQUEST", "BYTES", "ANSWER", "TIME", "SENT", "BODY"], ...rows], [2, 7]);
    });
  });

  addOutputOptions(
    relay
      .command("replay <channelId> <eventId>")
      .description("send an event again to the channel's listener (now, or when one connects)"),
  ).action(async (channelId: string, eventId: string, options: OutputFlags, command: Command) => {
    await runClientAction(async () => {
      const { replayRelayEvent } = await import("@hubhooks/client");
      await replayRelayEvent({ ...credentials(command), channelId, eventId });
      printResult(options, {
        json: { queued: eventId, channelId },
        quiet: eventId,
        table: `Queued ${oneLine(eventId)} for the listener of ${oneLine(channelId)}`,
      });
    });
  });

  addOutputOptions(
    relay.command("rm <channelId>").description("delete a channel and its events (its URL answers 404 from then on)"),
  ).action(async (channelId: string, options: OutputFlags, command: Command) => {
    await runClientAction(async () => {
      const { deleteRelayChannel } = await import("@hubhooks/client");
      await deleteRelayChannel({ ...credentials(command), channelId });
      printResult(options, { json: { deleted: channelId }, quiet: channelId, table: `Deleted ${oneLine(channelId)}` });
    });
  });
}
