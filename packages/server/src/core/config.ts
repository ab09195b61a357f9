const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface DeliveryConfig {
  /** Delay before each retry; attempts = schedule length + 1. The Standard Webhooks schedule by default. */
  retrySchedule: number[];
  /** ± fraction of each delay, so retries of many deliveries do not land together. */
  retryJitter: number;
  timeoutMs: number;
  rateLimit: { limit: number; windowMs: number };
  retentionMs: number;
  /** Deliver to loopback, private and link-local addresses (SSRF risk on a shared server). */
  allowPrivateTargets: boolean;
  /** Most attempts in flight at once, overall and per target origin. */
  concurrency: number;
  perOriginConcurrency: number;
  /** How long a claimed delivery belongs to a worker before another may take it (crash recovery). */
  leaseMs: number;
  /** How often to look for due work that no in-process signal announced (retries, other processes). */
  pollIntervalMs: number;
  claimBatchSize: number;
  /** Base URL for the `url.web` / `url.api` fields of payloads. */
  publicHubUrl: string;
}

export const DEFAULT_DELIVERY_CONFIG: DeliveryConfig = {
  retrySchedule: [5_000, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR],
  retryJitter: 0.2,
  timeoutMs: 15_000,
  rateLimit: { limit: 1000, windowMs: 24 * HOUR },
  retentionMs: 30 * 24 * HOUR,
  allowPrivateTargets: false,
  concurrency: 256,
  perOriginConcurrency: 64,
  leaseMs: 60_000,
  pollIntervalMs: 500,
  claimBatchSize: 256,
  publicHubUrl: "https://huggingface.co",
};

export function deliveryConfig(overrides: Partial<DeliveryConfig> = {}): DeliveryConfig {
  return { ...DEFAULT_DELIVERY_CONFIG, ...overrides };
}
