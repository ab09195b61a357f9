import {
  createWebhook,
  deleteWebhook,
  disableWebhook,
  enableWebhook,
  getRecovery,
  listDeliveries,
  publishEvents,
  recoverDeliveries,
  replayDelivery,
} from "@hubhooks/client";
import type { DeliverySummary } from "@hubhooks/schemas";
import type { Cluster } from "./cluster.js";
import { random } from "./prng.js";
import { readActivity, settle, sleep } from "./read-back.js";
import type { ModelReceivers } from "./receivers.js";
import { type Scenario, STORM_WEBHOOKS } from "./scenario.js";

/**
 * Runs a scenario against a cluster and keeps a journal of what the model knows: every accepted event and the
 * webhooks it matched, every change of a webhook's state, every replay, recovery and kill, with their times. The
 * invariants compare the journal and the receivers' records with the activity log at the end.
 */

export interface PublishedEvent {
  seq: number;
  topic: string;
  sentAt: number;
  /** When the 202 arrived: the deliveries were committed by then. */
  acceptedAt: number;
  eventId: string;
  /** Indexes of the webhooks the service matched. */
  matched: number[];
  rateLimited: number;
}

export interface Journal {
  startedAt: number;
  events: PublishedEvent[];
  webhookIds: string[];
  /** Webhook changes through the API, in order: `at` is when the call returned. */
  changes: Array<{ webhook: number; kind: "disable" | "enable" | "delete"; sentAt: number; at: number }>;
  replays: Array<{ webhook: number; deliveryId: string; attempt: number; sentAt: number; at: number }>;
  recoveries: Array<{ webhook: number; sentAt: number; doneAt: number; queued: number }>;
  /** Triggers counted per webhook as the model computes them (ingest, replays and recoveries of uncounted ones). */
  counted: number[];
  /** Broken as the run went (the matched set or the rate-limit decisions of an ingest). */
  violations: string[];
  /** Set when the run could not reach a quiet state. */
  unfinished?: string;
  /** What the activity log shows at the end, per webhook (undefined: deleted). */
  log: Array<DeliverySummary[] | undefined>;
  usage: Array<number | undefined>;
  disabledAtEnd: boolean[];
  /** The disabled reason the service recorded, per webhook, at the end. */
  disabledReason: Array<string | undefined>;
}

const BATCH = 1_000;

export async function runScenario(scenario: Scenario, cluster: Cluster, receivers: ModelReceivers): Promise<Journal> {
  const rng = random(scenario.seed ^ 0x5eed);
  const owner = () => ({ accessToken: cluster.tokens.owner, hubUrl: cluster.url });
  const journal: Journal = {
    startedAt: Date.now(),
    events: [],
    webhookIds: [],
    changes: [],
    replays: [],
    recoveries: [],
    counted: scenario.webhooks.map(() => 0),
    violations: [],
    log: [],
    usage: [],
    disabledAtEnd: [],
    disabledReason: [],
  };
  for (const plan of scenario.webhooks) {
    const created = await createWebhook({
      ...owner(),
      url: receivers.url(plan.index),
      watched: plan.topics.map((name) => ({ type: "org" as const, name })),
    });
    journal.webhookIds.push(created.id);
  }
  const indexOf = new Map(journal.webhookIds.map((id, index) => [id, index]));
  const deleted = new Set<number>();
  const apiDisabled = new Set<number>();
  let seq = 0;
  /** Events with a delivery since the delivering process last started: about what its payload cache holds. */
  let loaded = 0;

  /** Whether webhook `w` may have been disabled by a 410 answer before `at` (and not enabled since). */
  const maybeGone = (w: number, at: number) => {
    const enabled = journal.changes.filter((c) => c.webhook === w && c.kind === "enable").at(-1)?.sentAt ?? 0;
    return receivers.records.some(
      (r) => r.webhook === w && r.answer === 410 && r.arrivedAt > enabled && r.arrivedAt < at,
    );
  };

  async function publish(topics: string[]): Promise<void> {
    for (let i = 0; i < topics.length; i += BATCH) {
      const chunk = topics.slice(i, i + BATCH).map((topic) => ({ topic, seq: seq++ }));
      const sentAt = Date.now();
      const results = await publishEvents({
        accessToken: cluster.tokens.publisher,
        hubUrl: cluster.url,
        events: chunk.map(({ topic, seq }) => ({
          event: { action: "update", scope: "repo.content" },
          repo: { type: "model", name: `${topic}/e${seq}`, headSha: "0".repeat(40) },
        })),
      });
      const acceptedAt = Date.now();
      chunk.forEach(({ topic, seq }, k) => {
        const result = results[k];
        if (!result) throw new Error(`no result for event ${seq}`);
        const matched = result.webhooks.map((id) => indexOf.get(id) ?? -1);
        journal.events.push({
          seq,
          topic,
          sentAt,
          acceptedAt,
          eventId: result.eventId,
          matched,
          rateLimited: result.rateLimited,
        });
        checkMatch(seq, topic, matched, sentAt);
        // The limit, applied in order as the service must: allowed while fewer than the limit were counted.
        let limited = 0;
        for (const w of matched) {
          if (w < 0) continue;
          if ((journal.counted[w] ?? 0) < scenario.settings.rateLimit)
            journal.counted[w] = (journal.counted[w] ?? 0) + 1;
          else limited++;
        }
        if (limited !== result.rateLimited) {
          journal.violations.push(
            `limit: event e${seq} (${topic}) had ${result.rateLimited} rate-limited deliveries, the model expected ${limited}`,
          );
        }
        if (matched.length > limited) loaded++;
      });
    }
  }

  function checkMatch(seq: number, topic: string, matched: number[], sentAt: number): void {
    const got = new Set(matched);
    if (got.has(-1)) journal.violations.push(`matching: event e${seq} matched a webhook the model never created`);
    for (const plan of scenario.webhooks) {
      const w = plan.index;
      const watches = plan.topics.includes(topic);
      const expected = watches && !deleted.has(w) && !apiDisabled.has(w);
      if (expected && !got.has(w) && !maybeGone(w, sentAt + 1)) {
        journal.violations.push(`matching: event e${seq} (${topic}) did not match enabled webhook ${w}`);
      }
      if (!expected && got.has(w)) {
        const why = !watches ? "does not watch it" : deleted.has(w) ? "was deleted" : "was disabled";
        journal.violations.push(`matching: event e${seq} (${topic}) matched webhook ${w}, which ${why}`);
      }
    }
  }

  const live = () => scenario.webhooks.map((w) => w.index).filter((w) => !deleted.has(w));
  const pickFrom = <T>(items: T[], pick: number): T | undefined => items[Math.floor(pick * items.length)];

  async function change(kind: "disable" | "enable" | "delete", w: number): Promise<void> {
    const params = { ...owner(), webhookId: journal.webhookIds[w] as string };
    const sentAt = Date.now();
    if (kind === "disable") await disableWebhook(params);
    else if (kind === "enable") await enableWebhook(params);
    else await deleteWebhook(params);
    journal.changes.push({ webhook: w, kind, sentAt, at: Date.now() });
    if (kind === "disable") apiDisabled.add(w);
    if (kind === "enable") apiDisabled.delete(w);
    if (kind === "delete") deleted.add(w);
  }

  async function replay(pick: number): Promise<void> {
    const w = pickFrom(live(), pick);
    if (w === undefined) return;
    const webhookId = journal.webhookIds[w] as string;
    const page = await listDeliveries({ ...owner(), webhookId, limit: 50 });
    const terminal = page.deliveries.filter((d) => d.status !== "pending");
    const delivery = pickFrom(terminal, rng.next());
    if (!delivery) return;
    const sentAt = Date.now();
    const { attempt } = await replayDelivery({ ...owner(), webhookId, deliveryId: delivery.id });
    journal.replays.push({ webhook: w, deliveryId: delivery.id, attempt: attempt.attempt, sentAt, at: Date.now() });
    if (delivery.status === "rate_limited") journal.counted[w] = (journal.counted[w] ?? 0) + 1;
  }

  async function recover(pick: number): Promise<void> {
    const w = pickFrom(live(), pick);
    if (w === undefined) return;
    const webhookId = journal.webhookIds[w] as string;
    let uncounted = 0;
    for (let cursor: string | undefined; ; ) {
      const page = await listDeliveries({
        ...owner(),
        webhookId,
        status: "rate_limited",
        limit: 200,
        ...(cursor && { cursor }),
      });
      uncounted += page.deliveries.length;
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const sentAt = Date.now();
    let job = await recoverDeliveries({ ...owner(), webhookId, since: journal.startedAt - 1000 });
    while (job.status === "running") {
      await sleep(20);
      job = await getRecovery({ ...owner(), webhookId, recoveryId: job.id });
    }
    journal.recoveries.push({ webhook: w, sentAt, doneAt: Date.now(), queued: job.queued });
    journal.counted[w] = (journal.counted[w] ?? 0) + uncounted;
  }

  async function storm(): Promise<void> {
    // Fill the worker's payload cache to just under its 4 096 events, fan out to 300 webhooks, then new events:
    // the fan-out's second claim must still find its payload.
    const fill = Math.max(100, (((4_000 - loaded) % 4_096) + 4_096) % 4_096);
    const own = (i: number) => `w${i % STORM_WEBHOOKS}`;
    await publish(Array.from({ length: fill }, (_, i) => own(i)));
    await publish(["all"]);
    await publish(Array.from({ length: STORM_WEBHOOKS }, (_, i) => own(i)));
  }

  for (const op of scenario.operations) {
    if (op.kind === "publish") await publish(op.topics);
    else if (op.kind === "storm") await storm();
    else if (op.kind === "pause") await sleep(op.ms);
    else if (op.kind === "kill") {
      await cluster.kill(rng.next(), op.restartAfterMs);
      loaded = 0;
    } else if (op.kind === "replay") await replay(op.pick);
    else if (op.kind === "recover") await recover(op.pick);
    else if (op.kind === "disable") {
      const w = pickFrom(
        live().filter((i) => !apiDisabled.has(i)),
        op.pick,
      );
      if (w !== undefined) await change("disable", w);
    } else if (op.kind === "enable") {
      const candidates = live().filter((i) => apiDisabled.has(i) || maybeGone(i, Date.now()));
      const w = pickFrom(candidates, op.pick);
      if (w !== undefined) await change("enable", w);
    } else if (op.kind === "delete") {
      const w = pickFrom(live(), op.pick);
      if (w !== undefined) await change("delete", w);
    }
  }

  await settle(cluster, receivers, journal);
  await readActivity(cluster, journal);
  return journal;
}
