import { isIP } from "node:net";
import { z } from "zod";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const whole = (min: number, max: number) =>
  z
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

/** `192.0.2.1`, `10.0.0.0/8`, `fd00::/8`: an address, or a range with a prefix length its family allows. */
export function isProxyEntry(entry: string): boolean {
  const [address = "", bits, extra] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

/** Every delivery setting with its allowed range; the CLI validates its options against these same fields. */
export const DeliveryConfigSchema = z.strictObject({
  /** Delay before each retry; attempts = schedule length + 1. The Standard Webhooks schedule by default. */
  retrySchedule: z.array(whole(0, 7 * DAY)).max(30, "must have at most 30 delays"),
  /** ± fraction of each delay, so retries of many deliveries do not land together. */
  retryJitter: z.number().min(0).max(1),
  timeoutMs: whole(10, 10 * MINUTE),
  /** Least wait after 429, 502, 503, 504 or a timeout: the receiver is overloaded or down. */
  overloadBackoffMs: whole(0, DAY),
  rateLimit: z.strictObject({ limit: whole(1, 1_000_000_000), windowMs: whole(1_000, 30 * DAY) }),
  retentionMs: whole(MINUTE, 3650 * DAY),
  /** Deliver to loopback, private and link-local addresses (SSRF risk on a shared server). */
  allowPrivateTargets: z.boolean({ error: "must be true or false" }),
  /** Most attempts in flight at once, overall and per target origin. */
  concurrency: whole(1, 100_000),
  perOriginConcurrency: whole(1, 10_000),
  /** How long a claimed delivery belongs to a worker before another may take it (crash recovery). */
  leaseMs: whole(1_000, DAY),
  /** How often to look for due work that no signal announced (retries, missed notifications). */
  pollIntervalMs: whole(10, HOUR),
  claimBatchSize: whole(1, 10_000),
  /** A webhook whose every attempt failed for this long is disabled (warnings from 50 % of it on). */
  disableFailingAfterMs: whole(1_000, 365 * DAY),
  /** Requests per minute and token on the management API and ingest (0: no limit); publishers only if asked. */
  apiRateLimit: z.strictObject({ perMinute: whole(0, 1_000_000_000), publishers: z.boolean() }),
  /**
   * Hub sandbox: most changes per minute to a repo, each within 10 s of one webhook's delivery about it, before
   * that webhook's further deliveries about it are held back (a bot answering its own events; 0: no guard).
   */
  loopGuardPerMinute: whole(0, 1_000_000),
  /** Most webhooks one account may have (0: no cap): each has its own trigger budget, so this bounds fan-out. */
  maxWebhooksPerAccount: whole(0, 1_000_000),
  /** Hub sandbox: most bytes one repo may store, every ref's files counted (0: no cap). */
  maxRepoBytes: whole(0, Number.MAX_SAFE_INTEGER),
  /**
   * Hub sandbox: the folder that keeps LFS objects (once per sha256). Null: `lfs` beside a SQLite database file,
   * else `./.hubhooks/lfs`; processes sharing PostgreSQL must share this folder too.
   */
  lfsDir: z.string().min(1).nullable(),
  /** Hub sandbox: requests per minute and client address that send no token (anonymous reads; 0: no limit). */
  anonymousPerMinute: whole(0, 1_000_000_000),
  /** Serve the Hub sandbox: the repo and discussion API, each change firing its event. */
  sandbox: z.boolean({ error: "must be true or false" }),
  /** Relay channels: body cap of an inbound request, events kept per channel and their age, channels per account. */
  relay: z.strictObject({
    maxBodyBytes: whole(1024, 32 * 1024 * 1024),
    maxEventsPerChannel: whole(1, 1_000_000),
    maxEventAgeMs: whole(MINUTE, 3650 * DAY),
    maxChannelsPerAccount: whole(0, 1_000_000),
  }),
  /**
   * The HTTP listener's bounds: time to receive a request's headers and its whole body (slow clients that hold a
   * connection open), open connections in all and per client address (0: no cap). No per-address cap by default:
   * a connection over it can only be closed unread, and one busy client (a proxy every client comes through, a
   * publisher sending in parallel) opened hundreds in our own fault suite; an exposed server should set one.
   */
  http: z.strictObject({
    headersTimeoutMs: whole(1_000, HOUR),
    requestTimeoutMs: whole(1_000, DAY),
    maxConnections: whole(0, 10_000_000),
    maxConnectionsPerAddress: whole(0, 10_000_000),
    /**
     * Reverse proxies (addresses or CIDR ranges) whose `X-Forwarded-For` names the client, for the per-address
     * limits (sign-in, anonymous sandbox reads). Empty: the header is ignored, the peer is the client.
     */
    trustedProxies: z.array(z.string().refine(isProxyEntry, "must be an IP address or a CIDR range")).max(1_000),
  }),
  /**
   * Jobs (`/api/jobs`, webhooks that start a Job). `runner: "local"` runs their commands as processes of this
   * machine; `"none"` (the default) runs nothing: a job is recorded and fails at once, saying no runner is on.
   */
  jobs: z.strictObject({
    runner: z.enum(["none", "local"], { error: 'must be "none" or "local"' }),
    /** Jobs running at once in one process; more wait in SCHEDULING. */
    maxConcurrent: whole(1, 1_000),
    /** Jobs one namespace may have scheduled or running at once (0: no cap). */
    maxActivePerAccount: whole(0, 1_000_000),
    /** Bytes of output kept per job; past it one line says the log was cut. */
    maxLogBytes: whole(1024, 1024 * 1024 * 1024),
    /** The time limit of a job that sets none. */
    defaultTimeoutSeconds: whole(1, 24 * 60 * 60),
    /** A running job whose runner has not shown signs of life for this long ends as ERROR (its process died). */
    staleAfterMs: whole(1_000, DAY),
    /** Where each job gets a fresh working folder (null: the system's temporary folder). */
    workRoot: z.string().min(1).nullable(),
  }),
  /** Serve only the relay (channels, their public URLs, listen) and /health: `hubhooks serve --relay-only`. */
  relayOnly: z.boolean({ error: "must be true or false" }),
  /** This server's public URL, for the URLs of relay channels (behind a proxy, on a Space); null: the request's. */
  publicUrl: z
    .string()
    .refine((value) => /^https?:\/\/[^/\s]+/i.test(value) && URL.canParse(value), "must be an http(s) URL")
    .transform((value) => value.replace(/\/+$/, ""))
    .nullable(),
  /** Bearer token that /metrics requires (on every port); null: open on loopback listens and the metrics port. */
  metricsToken: z
    .string()
    .min(16, "must be at least 16 characters")
    .regex(/^\S+$/, "must not contain spaces")
    .nullable(),
  /** A port of its own for /metrics (and /health, /ready), on the API's host; null: none. */
  metricsPort: whole(0, 65_535).nullable(),
  /** With tracing on (OTEL_EXPORTER_OTLP_ENDPOINT), send each attempt's W3C `traceparent` to the receiver. */
  tracePropagation: z.boolean({ error: "must be true or false" }),
  /** Base URL for the `url.web` / `url.api` fields of payloads. */
  publicHubUrl: z
    .string()
    .refine((value) => /^https?:\/\/[^/\s]+/i.test(value) && URL.canParse(value), "must be an http(s) URL")
    .transform((value) => value.replace(/\/+$/, "")),
});

export type DeliveryConfig = z.output<typeof DeliveryConfigSchema>;

export const DEFAULT_DELIVERY_CONFIG: DeliveryConfig = {
  retrySchedule: [5_000, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR],
  retryJitter: 0.2,
  timeoutMs: 15_000,
  overloadBackoffMs: MINUTE,
  rateLimit: { limit: 1000, windowMs: DAY },
  retentionMs: 30 * DAY,
  allowPrivateTargets: false,
  concurrency: 256,
  perOriginConcurrency: 64,
  leaseMs: 60_000,
  pollIntervalMs: 500,
  claimBatchSize: 256,
  disableFailingAfterMs: 5 * DAY,
  apiRateLimit: { perMinute: 600, publishers: false },
  loopGuardPerMinute: 20,
  maxWebhooksPerAccount: 100,
  maxRepoBytes: 100 * 1024 * 1024,
  lfsDir: null,
  anonymousPerMinute: 300,
  sandbox: true,
  relay: { maxBodyBytes: 1024 * 1024, maxEventsPerChannel: 1000, maxEventAgeMs: 7 * DAY, maxChannelsPerAccount: 20 },
  http: {
    headersTimeoutMs: 20_000,
    requestTimeoutMs: 60_000,
    maxConnections: 10_000,
    maxConnectionsPerAddress: 0,
    trustedProxies: [],
  },
  jobs: {
    runner: "none",
    maxConcurrent: 4,
    maxActivePerAccount: 10,
    maxLogBytes: 1024 * 1024,
    defaultTimeoutSeconds: 30 * 60,
    staleAfterMs: 30_000,
    workRoot: null,
  },
  relayOnly: false,
  publicUrl: null,
  metricsToken: null,
  metricsPort: null,
  tracePropagation: false,
  publicHubUrl: "https://huggingface.co",
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** The defaults with `overrides` applied, validated: a nonsense setting fails here, not at delivery time. */
/** Settings to change from the defaults; `relay` may name some of its fields only. */
export type DeliveryOverrides = Partial<Omit<DeliveryConfig, "relay" | "http" | "jobs">> & {
  relay?: Partial<DeliveryConfig["relay"]>;
  http?: Partial<DeliveryConfig["http"]>;
  jobs?: Partial<DeliveryConfig["jobs"]>;
};

export function deliveryConfig(overrides: DeliveryOverrides = {}): DeliveryConfig {
  const relay = { ...DEFAULT_DELIVERY_CONFIG.relay, ...overrides.relay };
  const http = { ...DEFAULT_DELIVERY_CONFIG.http, ...overrides.http };
  const jobs = { ...DEFAULT_DELIVERY_CONFIG.jobs, ...overrides.jobs };
  const result = DeliveryConfigSchema.safeParse({ ...DEFAULT_DELIVERY_CONFIG, ...overrides, relay, http, jobs });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new ConfigError(`delivery setting ${issue?.path.join(".") || "?"} ${issue?.message ?? "is invalid"}`);
}
