import type { Domain, WatchedItem } from "@hubhooks/schemas";
import type { Command } from "commander";
import { CliError } from "../../cli-error.js";
import { addHubOptions, credentials } from "../../hub-options.js";
import { addOutputOptions, type OutputFlags, outputFormat } from "../../output/format.js";
import { runClientAction } from "../../run-action.js";
import { oneLine, say } from "../../terminal.js";
import { confirm } from "./confirm.js";
import { parseDomain, parseWatch } from "./parse-watch.js";
import { printWebhook, printWebhookList } from "./print.js";

interface EditOptions {
  url?: string;
  watch?: WatchedItem[];
  domain?: Domain[];
  secret?: string;
  format?: string;
}

export function registerWebhooks(program: Command): void {
  const webhooks = addHubOptions(
    program.command("webhooks").description("manage your webhooks on huggingface.co or a hubhooks server"),
  );
  const client = () => import("@hubhooks/client");

  addOutputOptions(webhooks.command("ls").alias("list").description("list your webhooks")).action(
    async (options: OutputFlags, command: Command) => {
      await runClientAction(async () => {
        printWebhookList(await (await client()).listWebhooks(credentials(command)), outputFormat(options));
      });
    },
  );

  addOutputOptions(webhooks.command("info <id>").description("show one webhook")).action(
    async (id: string, options: OutputFlags, command: Command) => {
      await runClientAction(async () => {
        printWebhook(
          await (await client()).getWebhook({ ...credentials(command), webhookId: id }),
          outputFormat(options),
        );
      });
    },
  );

  addOutputOptions(
    webhooks
      .command("create")
      .description("create a webhook")
      .requiredOption(
        "--watch <type:name>",
        "what to watch: model|dataset|space:ns/name or user|org:name (repeatable)",
        parseWatch,
      )
      .option("--url <url>", "where to POST events")
      .option("--job-id <id>", "instead of a URL: start a clone of this job on each event (WEBHOOK_PAYLOAD in its env)")
      .option("--domain <domain>", "repo or discussion (repeatable; default both)", parseDomain)
      .option("--secret <secret>", "sent back as X-Webhook-Secret"),
  ).action(async (options: EditOptions & OutputFlags & { watch: WatchedItem[]; jobId?: string }, command: Command) => {
    if ((options.url === undefined) === (options.jobId === undefined)) {
      throw new CliError("set one of --url and --job-id");
    }
    await runClientAction(async () => {
      const webhook = await (await client()).createWebhook({
        ...credentials(command),
        ...(options.url !== undefined ? { url: options.url } : { jobId: options.jobId as string }),
        watched: options.watch,
        ...(options.domain && { domains: options.domain }),
        ...(options.secret !== undefined && { secret: options.secret }),
      });
      printWebhook(webhook, outputFormat(options));
    });
  });

  addOutputOptions(
    webhooks
      .command("update <id>")
      .description("change a webhook; only the options given are changed")
      .option("--url <url>", "new target URL")
      .option("--watch <type:name>", "replaces the whole watched list (repeatable)", parseWatch)
      .option("--domain <domain>", "replaces the domains (repeatable)", parseDomain)
      .option("--secret <secret>", 'new secret ("" removes it)'),
  ).action(async (id: string, options: EditOptions & OutputFlags, command: Command) => {
    if (!options.url && !options.watch && !options.domain && options.secret === undefined) {
      throw new CliError("nothing to update: give --url, --watch, --domain or --secret");
    }
    await runClientAction(async () => {
      const webhook = await (await client()).updateWebhook({
        ...credentials(command),
        webhookId: id,
        ...(options.url && { url: options.url }),
        ...(options.watch && { watched: options.watch }),
        ...(options.domain && { domains: options.domain }),
        ...(options.secret !== undefined && { secret: options.secret }),
      });
      printWebhook(webhook, outputFormat(options));
    });
  });

  for (const action of ["enable", "disable"] as const) {
    addOutputOptions(webhooks.command(`${action} <id>`).description(`${action} a webhook`)).action(
      async (id: string, options: OutputFlags, command: Command) => {
        await runClientAction(async () => {
          const sdk = await client();
          const call = action === "enable" ? sdk.enableWebhook : sdk.disableWebhook;
          printWebhook(await call({ ...credentials(command), webhookId: id }), outputFormat(options));
        });
      },
    );
  }

  addOutputOptions(
    webhooks
      .command("signing <id>")
      .description(
        "sign deliveries with Standard Webhooks headers: prints a new signing secret (the previous one signs for 24 h more); --off stops signing",
      )
      .option("--off", "stop signing and forget the signing secrets"),
  ).action(async (id: string, options: OutputFlags & { off?: boolean }, command: Command) => {
    await runClientAction(async () => {
      const sdk = await client();
      const webhook = options.off
        ? await sdk.disableSigning({ ...credentials(command), webhookId: id })
        : await sdk.rotateSigningSecret({ ...credentials(command), webhookId: id });
      const format = outputFormat(options);
      if (format === "json") printWebhook(webhook, "json");
      else if (format === "quiet") say(oneLine(webhook.signingSecret ?? ""));
      else {
        say(
          options.off
            ? `Webhook ${oneLine(id)} no longer signs its deliveries.`
            : `Webhook ${oneLine(id)} signs its deliveries with:\n\n  ${oneLine(webhook.signingSecret ?? "")}\n\nVerify with @hubhooks/receiver (signingSecret) or any Standard Webhooks library.`,
        );
      }
    });
  });

  addOutputOptions(
    webhooks.command("delete <id>").description("delete a webhook").option("-y, --yes", "do not ask for confirmation"),
  ).action(async (id: string, options: OutputFlags & { yes?: boolean }, command: Command) => {
    if (!options.yes && !(await confirm(`Delete webhook ${id}?`))) throw new CliError("aborted, nothing deleted");
    await runClientAction(async () => {
      await (await client()).deleteWebhook({ ...credentials(command), webhookId: id });
      const format = outputFormat(options);
      if (format === "json") process.stdout.write(`${JSON.stringify({ deleted: id })}\n`);
      else if (format === "quiet") say(oneLine(id));
      else say(`Deleted webhook ${oneLine(id)}`);
    });
  });
}
