import { type Command, Option } from "commander";
import { CliError } from "./cli-error.js";
import { addJobsOptions, type JobsSettings, jobsSettings } from "./jobs-options.js";
import { privateTargetsPolicy } from "./private-targets.js";
import { booleanFlag, booleanSetting, parseHttpUrl, parseWhole, settingOf } from "./service-options.js";

const DAY_MS = 86_400_000;

/** The delivery settings shared by `serve` and `worker`, each with its environment variable. */
export function addDeliveryOptions(command: Command): Command {
  return addJobsOptions(command)
    .addOption(
      booleanFlag(
        "--allow-private-targets",
        "deliver to loopback/private addresses (default: on only for a SQLite serve listening on loopback)",
        "HUBHOOKS_ALLOW_PRIVATE_TARGETS",
      ),
    )
    .addOption(
      booleanFlag(
        "--deny-private-targets",
        "never deliver to loopback/private addresses, even when listening on loopback",
        "HUBHOOKS_DENY_PRIVATE_TARGETS",
      ),
    )
    .addOption(
      new Option(
        "--public-hub-url <url>",
        "base of url.web / url.api in payloads (default: this server's URL when it serves the Hub sandbox, else https://huggingface.co)",
      ).env("HUBHOOKS_PUBLIC_HUB_URL"),
    )
    .addOption(new Option("--retry-schedule <ms,…>", "delays between attempts").env("HUBHOOKS_RETRY_SCHEDULE"))
    .addOption(
      new Option("--rate-limit <n>", "triggers per 24 h per webhook (default 1000)").env("HUBHOOKS_RATE_LIMIT"),
    )
    .addOption(new Option("--delivery-timeout <ms>", "per attempt (default 15000)").env("HUBHOOKS_DELIVERY_TIMEOUT_MS"))
    .addOption(
      new Option("--lease <ms>", "how long a claimed delivery is reserved (default 60000)").env("HUBHOOKS_LEASE_MS"),
    )
    .addOption(
      new Option(
        "--disable-failing-after <ms>",
        "disable a webhook whose every attempt failed for this long (default 432000000, 5 days)",
      ).env("HUBHOOKS_DISABLE_FAILING_AFTER_MS"),
    )
    .addOption(
      new Option("--poll-interval <ms>", "how often to look for due retries without a wake-up (default 500)").env(
        "HUBHOOKS_POLL_INTERVAL_MS",
      ),
    )
    .addOption(
      new Option("--retention-days <n>", "keep events, deliveries and their attempts this long (default 30)").env(
        "HUBHOOKS_RETENTION_DAYS",
      ),
    )
    .addOption(
      new Option(
        "--metrics-token <token>",
        "require this Bearer token on /metrics (at least 16 characters; without it, /metrics is open only on a loopback listen or the metrics port)",
      ).env("HUBHOOKS_METRICS_TOKEN"),
    )
    .addOption(
      new Option("--metrics-port <port>", "serve /metrics, /health and /ready on this port too").env(
        "HUBHOOKS_METRICS_PORT",
      ),
    )
    .addOption(
      booleanFlag(
        "--trace-propagation",
        "with OTEL_EXPORTER_OTLP_ENDPOINT set, send each attempt's W3C traceparent header to receivers",
        "HUBHOOKS_TRACE_PROPAGATION",
      ),
    );
}

interface RawDeliveryOptions {
  allowPrivateTargets?: boolean;
  denyPrivateTargets?: boolean;
  publicHubUrl?: string;
  retrySchedule?: string;
  rateLimit?: string;
  deliveryTimeout?: string;
  lease?: string;
  pollInterval?: string;
  disableFailingAfter?: string;
  retentionDays?: string;
  metricsToken?: string;
  metricsPort?: string;
  tracePropagation?: boolean;
  jobsRunner?: string;
  maxJobs?: string;
  maxJobsPerAccount?: string;
}

export interface DeliverySettings {
  allowPrivateTargets: boolean;
  publicHubUrl?: string;
  sandbox?: boolean;
  loopGuardPerMinute?: number;
  maxWebhooksPerAccount?: number;
  maxRepoBytes?: number;
  anonymousPerMinute?: number;
  retrySchedule?: number[];
  rateLimit?: { limit: number; windowMs: number };
  timeoutMs?: number;
  leaseMs?: number;
  pollIntervalMs?: number;
  disableFailingAfterMs?: number;
  apiRateLimit?: { perMinute: number; publishers: boolean };
  retentionMs?: number;
  metricsToken?: string;
  metricsPort?: number;
  tracePropagation?: boolean;
  jobs?: JobsSettings;
}

/**
 * Validates every delivery option strictly (whole numbers in range, http(s) URLs, strict booleans) and fails with
 * one line naming the option or environment variable. Private targets: see `privateTargetsPolicy`.
 */
export function deliverySettings(
  command: Command,
  raw: RawDeliveryOptions,
  database: string,
  host: string | undefined,
): DeliverySettings {
  const at = (key: string, env: string) => settingOf(command, key, env);
  const allowPrivateTargets = privateTargetsPolicy(raw, database, host).allow;
  const settings: DeliverySettings = { allowPrivateTargets, jobs: jobsSettings(command, raw) };
  if (raw.publicHubUrl !== undefined) {
    settings.publicHubUrl = parseHttpUrl(raw.publicHubUrl, at("publicHubUrl", "HUBHOOKS_PUBLIC_HUB_URL"));
  }
  if (raw.retrySchedule !== undefined) {
    const setting = at("retrySchedule", "HUBHOOKS_RETRY_SCHEDULE");
    settings.retrySchedule = raw.retrySchedule
      .split(",")
      .map((item) => parseWhole(item, setting, "delays", 0, 7 * DAY_MS));
  }
  if (raw.rateLimit !== undefined) {
    const limit = parseWhole(raw.rateLimit, at("rateLimit", "HUBHOOKS_RATE_LIMIT"), "", 1, 1_000_000_000);
    settings.rateLimit = { limit, windowMs: DAY_MS };
  }
  if (raw.deliveryTimeout !== undefined) {
    const setting = at("deliveryTimeout", "HUBHOOKS_DELIVERY_TIMEOUT_MS");
    settings.timeoutMs = parseWhole(raw.deliveryTimeout, setting, "(ms)", 10, 600_000);
  }
  if (raw.lease !== undefined) {
    settings.leaseMs = parseWhole(raw.lease, at("lease", "HUBHOOKS_LEASE_MS"), "(ms)", 1_000, DAY_MS);
  }
  if (raw.pollInterval !== undefined) {
    const setting = at("pollInterval", "HUBHOOKS_POLL_INTERVAL_MS");
    settings.pollIntervalMs = parseWhole(raw.pollInterval, setting, "(ms)", 10, 3_600_000);
  }
  if (raw.disableFailingAfter !== undefined) {
    const setting = at("disableFailingAfter", "HUBHOOKS_DISABLE_FAILING_AFTER_MS");
    settings.disableFailingAfterMs = parseWhole(raw.disableFailingAfter, setting, "(ms)", 1_000, 365 * DAY_MS);
  }
  if (raw.retentionDays !== undefined) {
    const days = parseWhole(raw.retentionDays, at("retentionDays", "HUBHOOKS_RETENTION_DAYS"), "(days)", 1, 3650);
    settings.retentionMs = days * DAY_MS;
  }
  if (raw.metricsToken !== undefined) {
    const token = raw.metricsToken;
    if (token.length < 16 || /\s/.test(token)) {
      throw new CliError(
        `${at("metricsToken", "HUBHOOKS_METRICS_TOKEN").flag} must be at least 16 characters without spaces`,
      );
    }
    settings.metricsToken = token;
  }
  const tracePropagation = booleanSetting(raw.tracePropagation, "--trace-propagation", "HUBHOOKS_TRACE_PROPAGATION");
  if (tracePropagation !== undefined) settings.tracePropagation = tracePropagation;
  if (raw.metricsPort !== undefined) {
    settings.metricsPort = parseWhole(raw.metricsPort, at("metricsPort", "HUBHOOKS_METRICS_PORT"), "", 0, 65_535);
  }
  return settings;
}
