import type { DeliveryAttempt } from "@hubhooks/schemas";
import type { deliveryConfig } from "../../core/config.js";
import { nextRetryDelay } from "../../delivery/retry.js";
import type { Kill } from "./cluster.js";
import { engineOutcome, iso, outcomeOf, SLACK_MS } from "./outcomes.js";
import type { Received } from "./receivers.js";
import type { Journal } from "./run.js";
import type { Scenario } from "./scenario.js";

/**
 * A delivery may be this late (ms past its due time, net of the test process's own stalls) for no reason at all:
 * polls, batching, a loaded machine (MODEL_LATE_MS). 5 s: with a busy-loop on the other core, PostgreSQL retries
 * arrived up to 4 s late behind later work (an open question, see issue 20's note); the bugs this catches cost
 * 45-150 s (a lease, a starved window).
 */
export const LATE_MS = Number(process.env.MODEL_LATE_MS ?? 5_000);
/**
 * A delivery claimed before its webhook was disabled may still go out: the worker reads the webhook again only
 * for a job that waited more than 1 s for its origin, and a loaded machine adds its own delay to the request.
 */
const DISABLE_SLACK_MS = 2_500;
/**
 * The same bound on the service's clock, when its log says when it started the attempt: a job claimed before
 * the disable starts within 1 s of its claim or reads the webhook again; the rest is the claim's own time.
 */
const DISABLE_START_SLACK_MS = 1_500;
/**
 * A worker that is really busy starts at least this many attempts per second (256 in flight / 0.5 s timeout ≈
 * 500/s when every receiver hangs); less while a delivery waits means the worker sat idle.
 */
const BUSY_PER_SECOND = 200;

/**
 * Timing: every automatic attempt arrives within LATE_MS of its due time, unless a kill, its own saturated
 * origin, or a worker busy with older work explains it; never before it is due; and none after its webhook was
 * disabled or deleted (beyond attempts already under way).
 */
export function checkTiming(
  scenario: Scenario,
  journal: Journal,
  byDelivery: Map<string, Received[]>,
  records: Received[],
  kills: Kill[],
  isReplay: (r: Received) => boolean,
  disabled: Array<Array<[number, number, number]>>,
  config: ReturnType<typeof deliveryConfig>,
  engineLogs: Map<string, DeliveryAttempt[]>,
  add: (invariant: string, detail: string, deliveries?: string[]) => void,
  stalledBetween: (from: number, to: number) => number,
): void {
  const settings = scenario.settings;
  const eventBySeq = new Map(journal.events.map((e) => [e.seq, e]));

  // Due time of each automatic attempt: the latest thing that made it due (ingest, its retry, a recovery).
  const timed: Array<{ record: Received; due: number; retryDue: number | undefined }> = [];
  for (const received of byDelivery.values()) {
    for (const [i, r] of received.entries()) {
      if (isReplay(r)) continue;
      if (received.slice(0, i).some((e) => e.attempt === r.attempt)) continue; // a re-send: judged as a duplicate
      const event = eventBySeq.get(r.event);
      if (!event) continue;
      const prev = received
        .slice(0, i)
        .filter((e) => e.attempt === r.attempt - 1)
        .at(-1);
      let retryDue: number | undefined;
      const candidates = [event.acceptedAt];
      if (prev && !isReplay(prev)) {
        // The service schedules a retry from when it saw the outcome: its own log tells when that was.
        const seen = engineLogs.get(r.deliveryId)?.find((a) => a.attempt === prev.attempt);
        const outcome = seen ? engineOutcome(seen) : outcomeOf(prev);
        const end = outcome.startedAt + outcome.durationMs;
        const delay = nextRetryDelay(prev.attempt, outcome, config, end, () => 0.5);
        if (delay !== undefined) {
          retryDue = Math.max(prev.endedAt, end) + delay;
          candidates.push(retryDue);
        }
      }
      for (const rec of journal.recoveries) if (rec.webhook === r.webhook) candidates.push(rec.sentAt);
      // An enable lets a webhook's pending retries go out again.
      for (const [, end] of disabled[r.webhook] ?? []) candidates.push(end);
      const due = Math.max(...candidates.filter((c) => c <= r.arrivedAt));
      timed.push({ record: r, due: Number.isFinite(due) ? due : event.acceptedAt, retryDue });
    }
  }

  // Open requests over time per origin, to tell a saturated origin.
  const saturation = new Map<number, Array<[number, number]>>();
  for (const r of records) {
    const list = saturation.get(r.origin) ?? [];
    list.push([r.arrivedAt, 1], [Number.isFinite(r.endedAt) ? r.endedAt : r.arrivedAt, -1]);
    saturation.set(r.origin, list);
  }
  for (const list of saturation.values()) {
    list.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let open = 0;
    for (const step of list) {
      open += step[1];
      step[1] = open;
    }
  }
  const saturated = (origin: number, from: number, to: number) =>
    (saturation.get(origin) ?? []).some(([t, open]) => t >= from && t <= to && open >= settings.perOriginConcurrency);
  const killed = (from: number, to: number) =>
    kills.some((k) => to >= k.killedAt && from <= k.restartedAt + settings.leaseMs + LATE_MS);

  const arrivals = records.map((r) => r.arrivedAt).sort((a, b) => a - b);
  const countBetween = (from: number, to: number) => lowerBound(arrivals, to) - lowerBound(arrivals, from);
  // The earliest arrival among attempts due after a time: whether work due later went first.
  const byDue = [...timed].sort((a, b) => a.due - b.due);
  const dues = byDue.map((t) => t.due);
  const suffixMin: number[] = new Array(byDue.length + 1).fill(Number.POSITIVE_INFINITY);
  for (let i = byDue.length - 1; i >= 0; i--) {
    suffixMin[i] = Math.min(suffixMin[i + 1] as number, (byDue[i] as (typeof byDue)[number]).record.arrivedAt);
  }

  const late: string[] = [];
  const lateIds: string[] = [];
  let worst = 0;
  for (const { record: r, due, retryDue } of timed) {
    if (retryDue !== undefined && due === retryDue && r.arrivedAt < retryDue - 50) {
      add(
        "early",
        `webhook ${r.webhook}: delivery ${r.deliveryId} attempt ${r.attempt} arrived ${retryDue - r.arrivedAt} ms before its retry was due`,
      );
    }
    const lateness = r.arrivedAt - due;
    if (lateness - stalledBetween(due, r.arrivedAt) <= LATE_MS) continue;
    if (killed(due, r.arrivedAt) || saturated(r.origin, due, r.arrivedAt)) continue;
    const overtaken = (suffixMin[lowerBound(dues, due + SLACK_MS + 1)] as number) < r.arrivedAt - SLACK_MS;
    const rate = countBetween(due, r.arrivedAt) / ((r.arrivedAt - due) / 1000);
    if (!overtaken && rate >= BUSY_PER_SECOND) continue;
    worst = Math.max(worst, lateness);
    lateIds.push(r.deliveryId);
    late.push(
      `webhook ${r.webhook} delivery ${r.deliveryId} attempt ${r.attempt} arrived ${lateness} ms after due (${iso(due)}): ${overtaken ? "attempts due later went first" : `only ${rate.toFixed(0)} attempts/s started meanwhile`}`,
    );
  }
  if (late.length > 0) {
    add(
      "late",
      `${late.length} attempts waited more than ${LATE_MS} ms past due (worst ${worst} ms) with no kill and their origin not saturated, e.g. ${late.slice(0, 3).join(" | ")}`,
      lateIds,
    );
  }

  // Nothing automatic reaches a webhook after it was disabled (API or 410) or deleted.
  // Judged by when the service started the attempt where its log says (a loaded machine delays the request by
  // seconds after that), else by the arrival net of this process's stalls.
  for (const r of records) {
    if (isReplay(r)) continue;
    const logged = engineLogs.get(r.deliveryId)?.find((a) => a.attempt === r.attempt);
    const startedAt = logged ? Date.parse(logged.startedAt) : undefined;
    const span = (disabled[r.webhook] ?? []).find(([, end, effective]) =>
      startedAt !== undefined
        ? startedAt > effective + DISABLE_START_SLACK_MS && r.arrivedAt < end
        : r.arrivedAt - stalledBetween(effective, r.arrivedAt) > effective + DISABLE_SLACK_MS && r.arrivedAt < end,
    );
    if (!span) continue;
    if (saturated(r.origin, span[2], r.arrivedAt) || killed(span[2], r.arrivedAt)) continue;
    add(
      "disabled",
      `webhook ${r.webhook}, disabled or deleted at ${iso(span[2])}, still got delivery ${r.deliveryId} attempt ${r.attempt} at ${iso(r.arrivedAt)}${startedAt === undefined ? "" : ` (started ${iso(startedAt)})`}`,
      [r.deliveryId],
    );
  }
}

function lowerBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
