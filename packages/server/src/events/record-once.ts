import type { EventInput } from "@hubhooks/schemas";
import type { DialectName } from "../store/open-database.js";
import {
  type Answer,
  claimEventIds,
  claimRequestKey,
  fingerprint,
  saveAnswer,
  saveEventResults,
} from "./idempotency.js";
import type { EventTransaction, RecordedEvent } from "./ingest.js";

/** A key or an event id that came back with another request or event than the first time. */
export class IdempotencyConflict extends Error {}

export interface IngestRequest {
  /** The body as posted (one event or an array), and its events, validated, in the same order. */
  body: unknown;
  inputs: EventInput[];
  idempotencyKey?: string | undefined;
}

/**
 * Records a publisher's events once: a request whose `Idempotency-Key` was seen (24 h) gets the first answer
 * again, and an event whose `id` was seen is not recorded again but answered with its first result. So a retried
 * batch is a no-op that answers exactly like the first. Runs in the ingest's transaction; a conflict throws
 * `IdempotencyConflict` (and rolls back).
 */
export async function recordOnce(
  tx: EventTransaction,
  dialect: DialectName,
  publisherId: string,
  request: IngestRequest,
): Promise<Answer> {
  const now = Date.now();
  const { idempotencyKey: key, inputs } = request;
  if (key !== undefined) {
    const claim = await claimRequestKey(tx.trx, publisherId, key, fingerprint(request.body), now);
    if (claim.kind === "conflict") {
      throw new IdempotencyConflict(
        `Idempotency-Key ${key} was already used with a different request body: use a new key for a new request`,
      );
    }
    if (claim.kind === "answered") return claim.answer;
  }

  // Event ids: the first event with an id is the one recorded; later ones (retries) share its result.
  const raw = Array.isArray(request.body) ? request.body : [request.body];
  const first = new Map<string, { index: number; fingerprint: string }>();
  for (const [index, input] of inputs.entries()) {
    if (input.id === undefined) continue;
    const print = fingerprint(raw[index]);
    const seen = first.get(input.id);
    if (seen && seen.fingerprint !== print) throw eventConflict([input.id]);
    if (!seen) first.set(input.id, { index, fingerprint: print });
  }
  const claims = [...first].map(([id, { fingerprint }]) => ({ event_id: id, fingerprint }));
  const { known, conflicts } = await claimEventIds(tx.trx, dialect, publisherId, claims, now);
  if (conflicts.length > 0) throw eventConflict(conflicts);

  const toRecord = inputs.filter(
    (input, index) => input.id === undefined || (!known.has(input.id) && first.get(input.id)?.index === index),
  );
  const recorded = toRecord.length > 0 ? await tx.record(toRecord, publisherId) : [];
  const byInput = new Map<EventInput, RecordedEvent>(toRecord.map((input, i) => [input, recorded[i] as RecordedEvent]));
  const byId = new Map(known);
  for (const [input, result] of byInput) if (input.id !== undefined) byId.set(input.id, result);
  const results = inputs.map((input) => byInput.get(input) ?? (byId.get(input.id as string) as RecordedEvent));
  await saveEventResults(
    tx.trx,
    dialect,
    publisherId,
    [...byInput].flatMap(([input, result]) =>
      input.id === undefined ? [] : [{ event_id: input.id, result: JSON.stringify(result) }],
    ),
  );

  const answer = { status: 202, body: Array.isArray(request.body) ? { events: results } : results[0] };
  if (key !== undefined) await saveAnswer(tx.trx, publisherId, key, answer);
  return answer;
}

function eventConflict(ids: string[]): IdempotencyConflict {
  return new IdempotencyConflict(
    `Event id ${ids.join(", ")} was already used for a different event: give each event its own id`,
  );
}
