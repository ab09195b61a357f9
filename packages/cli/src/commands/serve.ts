import type { Command } from "commander";
import { Option } from "commander";
import { CliError } from "../cli-error.js";
import { checkSqliteLocation, databaseOption, describeDatabase, isPostgresLocation } from "../database-option.js";
import { addDeliveryOptions, deliverySettings } from "../delivery-options.js";
import { addHttpOptions, type HttpOptions, httpSettings } from "../http-options.js";
import { describePrivateTargets, type PrivateTargetsPolicy, privateTargetsPolicy } from "../private-targets.js";
import { addRelayOptions, type RelayOptions, relaySettings } from "../relay-options.js";
import { booleanFlag, booleanSetting, parseWhole, settingOf } from "../service-options.js";
import { metricsListenFailure, openService, stopOnSignals } from "../start-service.js";
import { VERSION } from "../version.js";

interface ServeOptions extends RelayOptions, HttpOptions {
  host: string;
  port: string;
  database: string;
  worker: boolean;
  publicHubUrl?: string;
  sandbox: boolean;
  loopGuard?: string;
  maxWebhooks?: string;
  maxRepoSize?: string;
  lfsDir?: string;
  anonymousRateLimit?: string;
  apiRateLimit?: string;
  apiRateLimitPublishers?: boolean;
  allowPrivateTargets?: boolean;
  denyPrivateTargets?: boolean;
}

export function registerServe(program: Command): void {
  const command = program
    .command("serve")
    .description(
      "run the webhooks service: API, web UI and a delivery worker (SQLite: one process; PostgreSQL: add `hubhooks worker` processes)",
    )
    .addOption(new Option("--host <host>", "interface to listen on").env("HUBHOOKS_HOST").default("127.0.0.1"))
    .addOption(new Option("--port <port>", "port to listen on").env("HUBHOOKS_PORT").default("7861"))
    .addOption(databaseOption())
    .option("--no-worker", "serve the API only; run deliveries in `hubhooks worker` processes (PostgreSQL)")
    .option("--no-sandbox", "do not serve the Hub sandbox (the repo and discussion API whose changes fire events)")
    .addOption(
      new Option(
        "--loop-guard <n>",
        "sandbox: changes per minute that may follow one webhook's deliveries about a repo before its further deliveries are held (a bot loop), 0 for no guard (default 20)",
      ).env("HUBHOOKS_LOOP_GUARD"),
    )
    .addOption(
      new Option("--max-webhooks <n>", "webhooks one account may have, 0 for no cap (default 100)").env(
        "HUBHOOKS_MAX_WEBHOOKS",
      ),
    )
    .addOption(
      new Option(
        "--max-repo-size <MiB>",
        "sandbox: MiB one repo may store, every ref's files counted, 0 for no cap (default 100)",
      ).env("HUBHOOKS_MAX_REPO_SIZE"),
    )
    .addOption(
      new Option(
        "--lfs-dir <folder>",
        "sandbox: where LFS objects are kept (default: lfs beside the SQLite file, else ./.hubhooks/lfs; processes sharing PostgreSQL must share it)",
      ).env("HUBHOOKS_LFS_DIR"),
    )
    .addOption(
      new Option(
        "--anonymous-rate-limit <n>",
        "sandbox: requests per minute and client address without a token, 0 for none (default 300)",
      ).env("HUBHOOKS_ANONYMOUS_RATE_LIMIT"),
    )
    .addOption(
      new Option("--api-rate-limit <n>", "API and ingest requests per minute and token, 0 for none (default 600)").env(
        "HUBHOOKS_API_RATE_LIMIT",
      ),
    )
    .addOption(
      booleanFlag(
        "--api-rate-limit-publishers",
        "apply the API rate limit to publisher tokens too",
        "HUBHOOKS_API_RATE_LIMIT_PUBLISHERS",
      ),
    );
  addDeliveryOptions(addHttpOptions(addRelayOptions(command))).action(async (options: ServeOptions) => {
    const port = parseWhole(options.port, settingOf(command, "port", "HUBHOOKS_PORT"), "", 0, 65_535);
    const apiRateLimit = {
      perMinute:
        options.apiRateLimit === undefined
          ? 600
          : parseWhole(
              options.apiRateLimit,
              settingOf(command, "apiRateLimit", "HUBHOOKS_API_RATE_LIMIT"),
              "",
              0,
              1_000_000_000,
            ),
      publishers:
        booleanSetting(
          options.apiRateLimitPublishers,
          "--api-rate-limit-publishers",
          "HUBHOOKS_API_RATE_LIMIT_PUBLISHERS",
        ) ?? false,
    };
    const { adminToken, ...relay } = relaySettings(command, options);
    const delivery = {
      ...deliverySettings(command, options, options.database, options.host),
      ...relay,
      http: httpSettings(command, options),
      apiRateLimit,
      sandbox: options.sandbox,
      ...(options.loopGuard !== undefined && {
        loopGuardPerMinute: parseWhole(
          options.loopGuard,
          settingOf(command, "loopGuard", "HUBHOOKS_LOOP_GUARD"),
          "",
          0,
          1_000_000,
        ),
      }),
      ...(options.maxWebhooks !== undefined && {
        maxWebhooksPerAccount: parseWhole(
          options.maxWebhooks,
          settingOf(command, "maxWebhooks", "HUBHOOKS_MAX_WEBHOOKS"),
          "",
          0,
          1_000_000,
        ),
      }),
      ...(options.maxRepoSize !== undefined && {
        maxRepoBytes:
          parseWhole(
            options.maxRepoSize,
            settingOf(command, "maxRepoSize", "HUBHOOKS_MAX_REPO_SIZE"),
            "(MiB)",
            0,
            1_000_000,
          ) *
          1024 *
          1024,
      }),
      ...(options.lfsDir !== undefined && { lfsDir: options.lfsDir }),
      ...(options.anonymousRateLimit !== undefined && {
        anonymousPerMinute: parseWhole(
          options.anonymousRateLimit,
          settingOf(command, "anonymousRateLimit", "HUBHOOKS_ANONYMOUS_RATE_LIMIT"),
          "",
          0,
          1_000_000_000,
        ),
      }),
    };
    const isDefault = command.getOptionValueSource("database") === "default";
    checkSqliteLocation(options.database, { create: true, isDefault });
    const { createUser, countUsers, ensureUserWithToken } = await import("@hubhooks/server");
    const server = await openService(options.database, delivery);
    let createdToken: string | undefined;
    if (adminToken) {
      await ensureUserWithToken(server.db, "admin", adminToken).catch(async (error: Error) => {
        await server.close();
        throw new CliError(`--admin-token: ${error.message}`);
      });
    } else if ((await countUsers(server.db)) === 0) {
      createdToken = (await createUser(server.db, "admin", { publisher: true })).token;
    }
    let url: string;
    try {
      url = await server.listen({ host: options.host, port });
    } catch (error) {
      await server.close();
      const metricsFailure = metricsListenFailure(error, options.host, server.config.metricsPort);
      if (metricsFailure !== error) throw metricsFailure;
      const code = (error as { code?: string }).code;
      if (code === "EADDRINUSE") {
        throw new CliError(
          `port ${port} on ${options.host} is already in use (another hubhooks serve?): choose another with --port or HUBHOOKS_PORT`,
        );
      }
      if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND") {
        throw new CliError(`cannot listen on --host ${options.host}: no such local address`);
      }
      throw error;
    }
    if (options.worker) {
      server.worker.start();
      // Jobs run beside deliveries, and only where the operator turned the runner on.
      server.jobRunner?.start();
      server.scheduler.start();
    }
    const banner = relay.relayOnly
      ? relayBanner(url, options.database, relay.publicUrl, adminToken, createdToken)
      : serviceBanner;
    process.stdout.write(
      typeof banner === "string"
        ? banner
        : banner({
            url,
            createdToken,
            options,
            isDefault,
            privateTargets: privateTargetsPolicy(options, options.database, options.host),
            jobsRunner: delivery.jobs?.runner ?? "none",
          }),
    );
    server.logger.info(
      { url, database: server.dialect, worker: options.worker, allowPrivateTargets: delivery.allowPrivateTargets },
      "hubhooks is listening",
    );
    stopOnSignals(server, "shutting down");
  });
}

/** What `serve --relay-only` prints: where senders post and how to listen. */
function relayBanner(
  url: string,
  database: string,
  publicUrl: string | null,
  adminToken?: string,
  createdToken?: string,
): string {
  const base = publicUrl ?? url;
  const kind = isPostgresLocation(database) ? "PostgreSQL" : "SQLite";
  const token = adminToken
    ? "the one in HUBHOOKS_ADMIN_TOKEN (user admin)"
    : createdToken
      ? `${createdToken} (user admin, shown only this once; or set HUBHOOKS_ADMIN_TOKEN)`
      : "an existing user's (or set HUBHOOKS_ADMIN_TOKEN)";
  return [
    "",
    `hubhooks ${VERSION} relay (--relay-only: relay channels and listen streams only)`,
    `  Database:  ${describeDatabase(database)} (${kind})`,
    `  Channels:  ${base}/relay/<channel id>`,
    `  Token:     ${token}`,
    `  Create:    HF_ENDPOINT=${base} HF_TOKEN=<token> npx hubhooks relay create`,
    `  Listen:    HF_ENDPOINT=${base} HF_TOKEN=<token> npx hubhooks listen --channel <id> --forward-to http://127.0.0.1:7860/webhooks/<name>`,
    "",
    `hubhooks is listening on ${url}`,
    "",
  ].join("\n");
}

function serviceBanner(context: {
  url: string;
  createdToken: string | undefined;
  options: ServeOptions;
  isDefault: boolean;
  privateTargets: PrivateTargetsPolicy;
  jobsRunner: string;
}): string {
  const { url, createdToken, options } = context;
  const lines: string[] = [];
  if (createdToken) {
    lines.push(
      "",
      'This database was empty, so user "admin" was created. Its access token is shown only this once:',
      "",
      `  ${createdToken}`,
      "",
      'Keep it somewhere safe; "npx hubhooks users token admin" issues a new one.',
    );
  }
  const database = describeDatabase(options.database);
  const databaseFlag = context.isDefault
    ? ""
    : ` --database ${isPostgresLocation(options.database) ? "<url>" : database}`;
  lines.push(
    "",
    `hubhooks ${VERSION}`,
    `  Database:  ${database} (${isPostgresLocation(options.database) ? "PostgreSQL" : "SQLite"})`,
    `  Sandbox:   ${options.sandbox ? `Hub API for repos and discussions at ${url} (HF_ENDPOINT=${url})` : "off (--no-sandbox)"}`,
    `  Delivery:  ${options.worker ? "in this process" : "off here (--no-worker): run `hubhooks worker`"}`,
    `  Private:   ${describePrivateTargets(context.privateTargets)}`,
  );
  lines.push(
    `  Jobs:      ${
      context.jobsRunner === "local"
        ? options.worker
          ? "runner on (--jobs-runner local): job commands run as processes of this machine"
          : "runner set, but no worker here (--no-worker): `hubhooks worker --jobs-runner local` runs them"
        : "no runner (the default): jobs are recorded and fail at once; --jobs-runner local runs them here"
    }`,
  );
  if (!createdToken) lines.push(`  Token:     npx hubhooks users token admin${databaseFlag}`);
  lines.push(`  Web UI:    ${url}`, "", `hubhooks is listening on ${url}`, "");
  return lines.join("\n");
}
