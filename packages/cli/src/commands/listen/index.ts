import type { Command } from "commander";
import { CliError } from "../../cli-error.js";
import { addHubOptions, credentials } from "../../hub-options.js";
import { addOutputOptions, type OutputFlags, outputFormat } from "../../output/format.js";
import { runClientAction } from "../../run-action.js";
import { listen } from "./session.js";

const LOCAL_SERVER = "http://127.0.0.1:7861";

interface ListenOptions {
  channel?: string;
  webhook?: string;
  forwardTo?: string;
  print?: boolean;
}

export function registerListen(program: Command): void {
  addOutputOptions(addHubOptions(program.command("listen"), LOCAL_SERVER), "each event's id")
    .description(
      "receive a relay channel's requests (or a webhook's deliveries) here and re-send each to a local URL; Ctrl-C to stop",
    )
    .option("--channel <id>", "the relay channel to listen to (hubhooks relay create)")
    .option("--webhook <id>", "one of your webhooks on this server: its deliveries come here instead of to its URL")
    .option("--forward-to <url>", "local URL to re-send each request to, e.g. http://127.0.0.1:7860/webhooks/x")
    .option("--print", "print each request's headers and payload instead of forwarding it")
    .action(async (options: ListenOptions & OutputFlags, command: Command) => {
      if (!options.channel === !options.webhook) throw new CliError("pass one of --channel <id> or --webhook <id>");
      if (!options.forwardTo === !options.print) throw new CliError("pass one of --forward-to <url> or --print");
      const forwardTo = options.forwardTo;
      if (forwardTo !== undefined && (!/^https?:\/\/[^/\s]+/i.test(forwardTo) || !URL.canParse(forwardTo))) {
        throw new CliError(`--forward-to must be an http(s) URL, got "${forwardTo}"`);
      }
      await runClientAction(async () => {
        const { getRelayChannel, getWebhookRelayChannel } = await import("@hubhooks/client");
        const hub = credentials(command);
        // Checked once up front, so a wrong id or token is an error at once, not a reconnect loop.
        const channel = options.webhook
          ? await getWebhookRelayChannel({ ...hub, webhookId: options.webhook })
          : await getRelayChannel({ ...hub, channelId: options.channel as string });
        const source = options.webhook ? `webhook ${options.webhook}` : channel.url;
        const where = forwardTo ? `forwarding to ${forwardTo}` : "printing";
        await listen(
          { hub, channelId: channel.id, forwardTo, format: outputFormat(options) },
          `Ready: ${source} → ${where} (Ctrl-C to stop)`,
        );
      });
    });
}
