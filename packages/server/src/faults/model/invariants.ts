import type { DeliveryAttempt, DeliverySummary } from "@hubhooks/schemas";
import { deliveryConfig } from "../../core/config.js";
import { nextRetryDelay } from "../../delivery/retry.js";
import type { Kill } from "./cluster.js";
import { isOk, iso, outcomeOf, SLACK_MS } from "./outcomes.js";
import type { Received } from "./receivers.js";
import type { Journal } from "./run.js";
import type { Scenario } from "./scenario.js";
import { checkTiming } from "./timing.js";

/**
 * The invariants of the delivery path, checked once the system is quiet: the journal of the run and the
 * receivers' own records against the activity log. Each returns what it found broken, in words.
 */

export interface Violation {
  invariant: string;
  detail: string;
  /** The deliveries concerned, whose attempt log a second pass reads. */
  deliveries?: string[];
}

/** How long after a killed process's exit was seen a request it sent may still be stamped here. */
const DEATH_SLACK_MS = 500;
/** How long after an answer its result may still be unwritten when the process dies (see killWindow). */
const RESULT_WRITE_SLACK_MS = 5_000;
export function checkInvariants(
  scenario: Scenario,
  journal: Journal,
  records: Received[],
  strays: string[],
  kills: Kill[],
  /** The service's own attempt log of some deliveries (a second pass reads it for those that broke something). */
  engineLogs: Map<string, DeliveryAttempt[]> = new Map(),
  /** Filled with the answers the service recorded as timed out although the receiver answered (not a violation). */
  timeoutRaces: string[] = [],
  /** Milliseconds the test process itself was stalled within a span (its arrival stamps are late by that much). */
  stalledBetween: (from: number, to: number) => number = () => 0,
): Violation[] {
  const violations: Violation[] = [];
  const add = (invariant: string, detail: string, deliveries?: string[]) =>
    violations.push({ invariant, detail, ...(deliveries && { deliveries }) });
  const settings = scenario.settings;
  const config = deliveryConfig({
    retrySchedule: settings.retrySchedule,
    retryJitter: 0,
    overloadBackoffMs: settings.overloadBackoffMs,
  });
  // An attempt made this long before a kill may have no result: its timeout, then the batched write of its result,
  // which a loaded machine delays by seconds (seen: a 200 answered 4 s before a kill, unwritten when it came).
  const killWindow = settings.timeoutMs + RESULT_WRITE_SLACK_MS;
  // A request the killed process wrote just before it died can be read here after its exit was seen (socket data
  // and the exit event race in this process, and a stall of this process delays the stamp): its end of the window.
  const diedBy = (k: Kill, arrivedAt: number) =>
    arrivedAt <= k.diedAt + DEATH_SLACK_MS + stalledBetween(k.diedAt, arrivedAt);

  // An answer that reached the service after its own deadline (its event loop stalled, or the request waited for
  // a connection) is a timeout as far as the service knows: judge it as one, and count it.
  records = records.map((r) => {
    const logged = engineLogs.get(r.deliveryId)?.find((a) => a.attempt === r.attempt);
    if (logged?.error !== "timed out" || r.answer === "timeout") return r;
    timeoutRaces.push(`${r.deliveryId}#${r.attempt} answered ${r.answer} after ${r.endedAt - r.arrivedAt} ms`);
    return { ...r, answer: "timeout" };
  });
  for (const v of journal.violations) add(v.split(":")[0] ?? "run", v);
  if (journal.unfinished) add("quiescence", journal.unfinished);
  for (const stray of strays) add("stray request", stray);

  const replayed = new Map<string, number[]>();
  for (const r of journal.replays) replayed.set(r.deliveryId, [...(replayed.get(r.deliveryId) ?? []), r.attempt]);
  const isReplay = (r: Received) => (replayed.get(r.deliveryId) ?? []).includes(r.attempt);
  const disabled = disabledSpans(scenario, journal, records, isReplay);
  /** Whether the webhook was disabled at some time from `from` on (so a pending delivery may end cancelled). */
  const disabledFrom = (w: number, from: number) => (disabled[w] ?? []).some(([, end]) => end >= from - SLACK_MS);
  const recoveredAfter = (w: number, at: number) => journal.recoveries.some((r) => r.webhook === w && r.sentAt > at);

  // --- The log against the accepted events: nothing lost, nothing made up.
  const byEventId = new Map(journal.events.map((e) => [e.eventId, e]));
  const logged = new Map<string, LoggedDelivery>();
  for (const [w, log] of journal.log.entries()) {
    if (!log) continue;
    const seen = new Map<string, number>();
    for (const d of log) {
      seen.set(d.eventId, (seen.get(d.eventId) ?? 0) + 1);
      const event = byEventId.get(d.eventId);
      if (!event) add("phantom delivery", `webhook ${w}: delivery ${d.id} of unknown event ${d.eventId}`);
      logged.set(d.id, { ...d, webhook: w, acceptedAt: event?.acceptedAt ?? 0 });
      if (d.status === "pending") add("quiescence", `webhook ${w}: delivery ${d.id} still pending at the end`);
    }
    for (const e of journal.events) {
      if (!e.matched.includes(w)) continue;
      const n = seen.get(e.eventId) ?? 0;
      if (n !== 1) add("lost", `webhook ${w}: event e${e.seq} was accepted for it; the log has ${n} deliveries of it`);
    }
    // The trigger limit, from the service's own count and from the receiver's side.
    if (journal.usage[w] !== journal.counted[w]) {
      add("limit", `webhook ${w}: usage shows ${journal.usage[w]} triggers, the model counted ${journal.counted[w]}`);
    }
    const reached = new Set(records.filter((r) => r.webhook === w).map((r) => r.deliveryId)).size;
    if (reached > (journal.counted[w] ?? 0)) {
      add(
        "limit",
        `webhook ${w}: its receiver got ${reached} deliveries, more than the ${journal.counted[w]} triggers counted`,
      );
    }
  }

  // --- The receivers' records, per delivery.
  const byDelivery = groupByDelivery(records);
  const deleted = new Set(journal.changes.filter((c) => c.kind === "delete").map((c) => c.webhook));
  const inKillWindow = (first: Received, again: Received) =>
    kills.some(
      (k) => first.arrivedAt >= k.killedAt - killWindow && diedBy(k, first.arrivedAt) && again.arrivedAt > k.killedAt,
    );
  for (const [deliveryId, received] of byDelivery) {
    const w = (received[0] as Received).webhook;
    const entry = logged.get(deliveryId);
    if (!entry) {
      if (!deleted.has(w)) add("phantom request", `webhook ${w}: receiver got delivery ${deliveryId}, not in the log`);
      continue;
    }
    // Duplicates: the same attempt twice, or an automatic attempt after a 2xx; only a kill may explain them.
    for (const [i, r] of received.entries()) {
      const earlier = received.slice(0, i);
      const same = earlier.find((e) => e.attempt === r.attempt);
      const first = same ?? (isReplay(r) ? undefined : earlier.find((e) => isOk(e.answer)));
      if (first && !inKillWindow(first, r)) {
        add(
          "duplicate",
          `webhook ${w}: delivery ${deliveryId} attempt ${r.attempt} arrived at ${iso(r.arrivedAt)} after ${same ? "the same attempt" : `a ${first.answer} to attempt ${first.attempt}`} at ${iso(first.arrivedAt)}, no kill between`,
          [deliveryId],
        );
      }
    }
    // Counts: the log's attempts are exactly the attempts the receiver saw, and the last answer is the one shown;
    // an attempt made just before a kill may have no result (the process died before writing it).
    const lostToKill = (r: Received) =>
      r.attempt > entry.attempts && kills.some((k) => r.arrivedAt >= k.killedAt - killWindow && diedBy(k, r.arrivedAt));
    const counted = received.filter((r) => !lostToKill(r));
    if (counted.length === 0) {
      if (entry.status === "rate_limited" || (entry.status === "cancelled" && !disabledFrom(w, entry.acceptedAt))) {
        add("status", `webhook ${w}: delivery ${deliveryId} is ${entry.status} after an attempt cut off by a kill`, [
          deliveryId,
        ]);
      }
      continue;
    }
    const numbers = [...new Set(counted.map((r) => r.attempt))].sort((a, b) => a - b);
    // An attempt the service gave up on before the request reached the receiver (its deadline ran out while the
    // request waited for a connection or for its event loop) is in the log with no status, and nowhere else.
    const unseen = (engineLogs.get(deliveryId) ?? []).filter(
      (a) => a.statusCode === null && a.error !== null && !numbers.includes(a.attempt),
    );
    for (const a of unseen) timeoutRaces.push(`${deliveryId}#${a.attempt} never reached the receiver (${a.error})`);
    const seen = [...numbers, ...unseen.map((a) => a.attempt)];
    if (seen.length !== entry.attempts || seen.some((n) => n < 1 || n > entry.attempts)) {
      add(
        "activity count",
        `webhook ${w}: delivery ${deliveryId} shows ${entry.attempts} attempts, its receiver saw attempts ${numbers.join(",")}`,
        [deliveryId],
      );
    }
    const latest = counted.filter((r) => r.attempt === entry.attempts).at(-1) ?? (counted.at(-1) as Received);
    // A replay that fails after the delivery got through leaves it delivered, showing the attempt that got through
    // (as GitHub's redeliveries do): that attempt is the one the status and last code follow.
    const gotThrough = counted.filter((r) => r !== latest && isOk(r.answer)).at(-1);
    const last = isReplay(latest) && !isOk(latest.answer) && gotThrough ? gotThrough : latest;
    const code = typeof last.answer === "number" ? last.answer : null;
    if (code !== entry.lastStatusCode) {
      add(
        "activity count",
        `webhook ${w}: delivery ${deliveryId} shows last status ${entry.lastStatusCode}, its receiver answered ${last.answer} to attempt ${last.attempt}`,
        [deliveryId],
      );
    }
    // Final status, as the last answer and the webhook's state dictate.
    const auto = !isReplay(last);
    const outcome = outcomeOf(last);
    const retryLeft = auto && nextRetryDelay(last.attempt, outcome, config, last.endedAt, () => 0.5) !== undefined;
    let expected = outcome.ok ? "delivered" : retryLeft ? "pending" : "failed";
    // A recovery after it ended failed queues it again; with no later attempt, only a disabled webhook explains it.
    if (expected === "failed" && recoveredAfter(w, last.endedAt + SLACK_MS)) expected = "pending";
    const ok =
      entry.status === expected ||
      (expected === "pending" && entry.status === "cancelled" && disabledFrom(w, last.endedAt));
    if (!ok) {
      add(
        "status",
        `webhook ${w}: delivery ${deliveryId} is ${entry.status}; its last attempt ${last.attempt} (${auto ? "auto" : "replay"}) got ${last.answer}, so it should be ${expected === "pending" ? "cancelled by a disabled webhook, or tried again" : expected}`,
        [deliveryId],
      );
    }
  }

  // Deliveries nobody received: rate limited (and never recovered), or cancelled on a disabled webhook.
  for (const [deliveryId, entry] of logged) {
    if (byDelivery.has(deliveryId)) continue;
    const w = entry.webhook;
    // Attempts the service gave up on before the request reached the receiver (as above) are its only ones.
    const unseen = (engineLogs.get(deliveryId) ?? []).filter((a) => a.statusCode === null && a.error !== null);
    if (entry.attempts !== unseen.length) {
      add(
        "activity count",
        `webhook ${w}: delivery ${deliveryId} shows ${entry.attempts} attempts, its receiver saw none`,
        [deliveryId],
      );
    } else if (unseen.length > 0) {
      for (const a of unseen) timeoutRaces.push(`${deliveryId}#${a.attempt} never reached the receiver (${a.error})`);
      if (entry.status === "delivered") add("status", `webhook ${w}: delivery ${deliveryId} is delivered, unseen`);
      continue;
    }
    if (entry.status === "rate_limited" && !recoveredAfter(w, entry.acceptedAt)) continue;
    if (entry.status === "cancelled" && disabledFrom(w, entry.acceptedAt)) continue;
    add("status", `webhook ${w}: delivery ${deliveryId} is ${entry.status} without any attempt`);
  }

  // A webhook that answered 410 ends disabled unless it was enabled after.
  for (const plan of scenario.webhooks) {
    const w = plan.index;
    if (deleted.has(w)) continue;
    const spans = disabled[w] ?? [];
    if (spans.some(([, end]) => end === Number.POSITIVE_INFINITY) && !journal.disabledAtEnd[w]) {
      add("status", `webhook ${w} should be disabled at the end (it answered 410 or was disabled), but is enabled`);
    }
  }

  checkTiming(
    scenario,
    journal,
    byDelivery,
    records,
    kills,
    isReplay,
    disabled,
    config,
    engineLogs,
    add,
    stalledBetween,
  );
  return violations;
}

interface LoggedDelivery extends DeliverySummary {
  webhook: number;
  acceptedAt: number;
}

/** Each delivery's records in arrival order. */
function groupByDelivery(records: Received[]): Map<string, Received[]> {
  const byDelivery = new Map<string, Received[]>();
  for (const r of [...records].sort((a, b) => a.arrivedAt - b.arrivedAt)) {
    byDelivery.set(r.deliveryId, [...(byDelivery.get(r.deliveryId) ?? []), r]);
  }
  return byDelivery;
}

/**
 * When each webhook was disabled: [from the disable call's sending or the 410 answer's arrival, to the next enable
 * call's answer or for good, from the disable call's answer or the 410 answer's end]. The first bound says when a
 * pending delivery may have been cancelled; the third, when nothing automatic may go out any more (a deleted
 * webhook counts as disabled from its deletion on).
 */
function disabledSpans(
  scenario: Scenario,
  journal: Journal,
  records: Received[],
  isReplay: (r: Received) => boolean,
): Array<Array<[number, number, number]>> {
  return scenario.webhooks.map(({ index: w }) => {
    const starts: Array<[number, number]> = [
      ...journal.changes
        .filter((c) => c.webhook === w && c.kind !== "enable")
        .map((c): [number, number] => [c.sentAt, c.at]),
      ...records
        .filter((r) => r.webhook === w && r.answer === 410 && !isReplay(r))
        .map((r): [number, number] => [r.arrivedAt, r.endedAt]),
    ].sort((a, b) => a[0] - b[0]);
    const enables = journal.changes.filter((c) => c.webhook === w && c.kind === "enable").map((c) => c.at);
    const spans: Array<[number, number, number]> = [];
    for (const [start, effective] of starts) {
      if (spans.some(([s, e]) => start >= s && start <= e)) continue;
      const end = enables.find((at) => at > start) ?? Number.POSITIVE_INFINITY;
      spans.push([start, end, effective]);
    }
    return spans;
  });
}
