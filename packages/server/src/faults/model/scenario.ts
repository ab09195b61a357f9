import { random } from "./prng.js";

/**
 * A generated run of the model test: webhooks with receiver behaviours and watched topics, and a list of
 * operations (publishing, webhook changes, replays, recoveries, kills, pauses). Everything here follows from the
 * seed; operations that need the live state (which delivery to replay) carry a number that picks one at run time.
 */

/** How a webhook's receiver answers. Answers are fixed per (webhook, event, attempt) by the seed. */
export type Behaviour =
  /** 2xx */
  | "ok"
  /** 500 or 503 to some attempts */
  | "flaky"
  /** 429 with Retry-After: 1 to some attempts */
  | "throttle"
  /** 410 Gone to some events (the service disables the webhook) */
  | "gone"
  /** closes the connection without an answer to some attempts */
  | "reset"
  /** holds some attempts past the delivery timeout */
  | "slow";

export interface WebhookPlan {
  index: number;
  behaviour: Behaviour;
  /** Which receiver (one origin each) serves it; slow webhooks get origins of their own. */
  origin: number;
  /** Topics (orgs) watched: its own `w<i>`, maybe shared `s<k>`, maybe `all` and `hot`. */
  topics: string[];
}

export type Operation =
  | { kind: "publish"; what: "single" | "batch" | "fan-out" | "hot" | "flood"; topics: string[] }
  /** ~4 000 distinct events, then a fan-out to every `all` watcher and more new events (the payload cache). */
  | { kind: "storm" }
  | { kind: "pause"; ms: number }
  | { kind: "disable" | "enable" | "delete" | "replay" | "recover"; pick: number }
  | { kind: "kill"; restartAfterMs: number };

export interface ModelSettings {
  retrySchedule: number[];
  timeoutMs: number;
  overloadBackoffMs: number;
  leaseMs: number;
  pollIntervalMs: number;
  rateLimit: number;
  concurrency: number;
  perOriginConcurrency: number;
}

export interface Scenario {
  seed: number;
  webhooks: WebhookPlan[];
  origins: number;
  operations: Operation[];
  settings: ModelSettings;
}

export interface ScenarioSize {
  /** Most webhooks (a scenario picks 1 to this, or 300 to 600 when it has a storm). */
  maxWebhooks: number;
  operations: number;
  maxBatch: number;
  /** Chance of a payload-cache storm (with 300 to 600 webhooks). */
  stormChance: number;
  maxKills: number;
}

export const CI_SIZE: ScenarioSize = { maxWebhooks: 60, operations: 40, maxBatch: 300, stormChance: 0.35, maxKills: 2 };
export const FULL_SIZE: ScenarioSize = {
  maxWebhooks: 2_000,
  operations: 120,
  maxBatch: 1_000,
  stormChance: 0.5,
  maxKills: 4,
};

/** Short delays, so a run ends in seconds; jitter 0, so the model knows every due time. */
export const SETTINGS: ModelSettings = {
  retrySchedule: [100, 300, 600],
  timeoutMs: 500,
  overloadBackoffMs: 300,
  leaseMs: 5_000,
  pollIntervalMs: 100,
  rateLimit: 500,
  concurrency: 256,
  perOriginConcurrency: 64,
};

export const STORM_WEBHOOKS = 300;

export function generateScenario(seed: number, size: ScenarioSize): Scenario {
  const rng = random(seed);
  const storm = rng.chance(size.stormChance);
  // Mostly small, sometimes large: a log-uniform count.
  const count = storm
    ? rng.int(STORM_WEBHOOKS, Math.max(STORM_WEBHOOKS + 20, Math.min(size.maxWebhooks, 2 * STORM_WEBHOOKS)))
    : Math.max(1, Math.round(Math.exp(rng.next() * Math.log(size.maxWebhooks))), rng.int(1, 12));
  const shared = Math.max(1, Math.round(count / 8));
  const sharedOrigins = Math.max(1, Math.min(16, Math.ceil(count / 10)));
  let origins = sharedOrigins;
  const slowOrigin = () => (rng.chance(0.5) && origins > sharedOrigins ? origins - 1 : origins++);
  const webhooks: WebhookPlan[] = Array.from({ length: count }, (_, index) => {
    const behaviour = rng.weighted<Behaviour>({ ok: 55, flaky: 14, throttle: 8, gone: 5, reset: 8, slow: 10 });
    const topics = [`w${index}`];
    if (rng.chance(0.5)) topics.push(`s${rng.int(0, shared - 1)}`);
    if (storm ? index < STORM_WEBHOOKS : rng.chance(0.6)) topics.push("all");
    return { index, behaviour, origin: behaviour === "slow" ? slowOrigin() : rng.int(0, sharedOrigins - 1), topics };
  });
  // One or two webhooks watch the hot topic, which gets more events than the trigger limit.
  for (let i = 0; i < Math.min(count, rng.int(1, 2)); i++) rng.pick(webhooks).topics.push("hot");

  const own = () => `w${rng.int(0, count - 1)}`;
  // Fan-outs to every webhook come from their own operations; in batches they are rare.
  const anyTopic = () => (rng.chance(0.65) ? own() : rng.chance(0.97) ? `s${rng.int(0, shared - 1)}` : "all");
  const operations: Operation[] = [];
  let kills = 0;
  let floods = 0;
  for (let i = 0; i < size.operations; i++) {
    const kind = rng.weighted({
      single: 20,
      batch: 10,
      fanOut: 6,
      hot: 1.5,
      flood: 1.5,
      pause: 10,
      disable: 3,
      enable: 3,
      delete: 1,
      replay: 4,
      recover: 2,
      kill: 2.5,
    });
    if (kind === "single") operations.push({ kind: "publish", what: "single", topics: [anyTopic()] });
    else if (kind === "batch") {
      const n = rng.int(2, size.maxBatch);
      operations.push({ kind: "publish", what: "batch", topics: Array.from({ length: n }, anyTopic) });
    } else if (kind === "fanOut") operations.push({ kind: "publish", what: "fan-out", topics: ["all"] });
    else if (kind === "hot") {
      const n = SETTINGS.rateLimit + rng.int(1, 50);
      operations.push({ kind: "publish", what: "hot", topics: Array.from({ length: n }, () => "hot") });
    } else if (kind === "flood" && floods++ < 2) {
      // Many deliveries to the slow origins at once (each webhook within its trigger limit), then work for others:
      // one saturated origin must not hold up the rest.
      const slow = webhooks.filter((w) => w.behaviour === "slow");
      if (slow.length === 0) continue;
      const perWebhook = Math.min(SETTINGS.rateLimit - 50, Math.ceil(400 / slow.length));
      const topics = slow.flatMap((w) => Array.from({ length: perWebhook }, () => `w${w.index}`));
      operations.push({ kind: "publish", what: "flood", topics });
      operations.push({ kind: "pause", ms: 100 });
      operations.push({ kind: "publish", what: "batch", topics: Array.from({ length: rng.int(5, 50) }, own) });
    } else if (kind === "pause") operations.push({ kind: "pause", ms: rng.int(20, 600) });
    else if (kind === "kill") {
      if (kills++ < size.maxKills) operations.push({ kind: "kill", restartAfterMs: rng.int(0, 500) });
    } else if (kind !== "flood") operations.push({ kind, pick: rng.next() });
  }
  if (storm) operations.splice(rng.int(0, operations.length), 0, { kind: "storm" });
  return { seed, webhooks, origins, operations, settings: SETTINGS };
}

/** One line for failure messages: what the scenario holds. */
export function describeScenario(scenario: Scenario): string {
  const behaviours = new Map<string, number>();
  for (const w of scenario.webhooks) behaviours.set(w.behaviour, (behaviours.get(w.behaviour) ?? 0) + 1);
  const kinds = new Map<string, number>();
  for (const op of scenario.operations) {
    const key = op.kind === "publish" ? op.what : op.kind;
    kinds.set(key, (kinds.get(key) ?? 0) + 1);
  }
  const list = (map: Map<string, number>) => [...map].map(([k, n]) => `${k}×${n}`).join(" ");
  return `${scenario.webhooks.length} webhooks (${list(behaviours)}) on ${scenario.origins} origins; operations ${list(kinds)}`;
}
