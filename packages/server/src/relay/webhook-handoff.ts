import type { Kysely } from "kysely";
import type { DeliveryHandoff, HandoffOutcome } from "../core/delivery-handoff.js";
import type { ServerDeps } from "../core/deps.js";
import type { Database } from "../store/schema.js";
import { LISTENER_ALIVE_MS } from "./channel-store.js";
import { ChannelFullError, recordInbound } from "./event-store.js";
import type { RelayWake } from "./wake.js";

const REFRESH_MS = 1_000;
const ANSWER_POLL_MS = 100;

/** Webhooks with a listener connected to their channel now (any process): webhook id → channel id. */
async function listenedWebhooks(db: Kysely<Database>): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("relay_channels")
    .select(["id", "webhook_id"])
    .where("webhook_id", "is not", null)
    .where("listener_seen_at", ">", Date.now() - LISTENER_ALIVE_MS)
    .execute();
  return new Map(rows.map((row) => [row.webhook_id as string, row.id]));
}

/**
 * `hubhooks listen --webhook`: while a listener is connected to a webhook's channel, its attempts become events
 * of that channel (the delivery's headers and body as the worker would POST them), and the listener's local answer
 * is the attempt's outcome. No answer within the delivery timeout is a timed-out attempt, retried as any other;
 * its event is then closed, so a listener that comes back later does not get it besides the retry.
 */
export class WebhookHandoff implements DeliveryHandoff {
  readonly #deps: ServerDeps;
  readonly #wake: RelayWake;
  #listened = new Map<string, string>();
  readonly #timer: NodeJS.Timeout;

  constructor(deps: ServerDeps, wake: RelayWake) {
    this.#deps = deps;
    this.#wake = wake;
    const refresh = () =>
      listenedWebhooks(deps.db).then(
        (map) => {
          this.#listened = map;
        },
        (error: unknown) => deps.logger.warn({ err: error }, "could not read the listened webhooks"),
      );
    void refresh();
    this.#timer = setInterval(refresh, REFRESH_MS);
    this.#timer.unref();
  }

  takes(webhookId: string, _url?: string): string | undefined {
    const channelId = this.#listened.get(webhookId);
    return channelId && `hubhooks listen (relay channel ${channelId})`;
  }

  async send(
    webhookId: string,
    deliveryId: string,
    headers: Record<string, string>,
    body: string,
  ): Promise<HandoffOutcome> {
    const startedAt = Date.now();
    const failed = (error: string): HandoffOutcome => ({
      ok: false,
      statusCode: null,
      responseHeaders: {},
      responseBody: "",
      error,
      startedAt,
      durationMs: Date.now() - startedAt,
    });
    const channelId = this.#listened.get(webhookId);
    if (!channelId) return failed("the listener went away");
    const { db, config } = this.#deps;
    try {
      const request = { method: "POST", path: "", headers: Object.entries(headers), body: Buffer.from(body) };
      const event = await recordInbound(db, channelId, request, config.relay, deliveryId);
      this.#wake.wake(channelId);
      this.#deps.notifier.notify();
      const answer = await this.#answerOf(channelId, event.id, startedAt + config.timeoutMs);
      if (!answer) {
        await db
          .updateTable("relay_events")
          .set({ acked_at: Date.now() })
          .where("id", "=", event.id)
          .where("acked_at", "is", null)
          .execute();
        return failed("timed out: hubhooks listen did not report an answer");
      }
      const status = answer.answer_status;
      const ok = status !== null && status >= 200 && status < 300;
      return {
        ok,
        statusCode: status,
        responseHeaders: {},
        responseBody: answer.answer_body ?? "",
        error: ok ? null : (answer.answer_error ?? `HTTP ${status}`),
        startedAt,
        durationMs: answer.answer_duration_ms ?? Date.now() - startedAt,
      };
    } catch (error) {
      // Never rejects, as the sender: the worker records a failed attempt and retries it.
      if (error instanceof ChannelFullError) return failed(error.message);
      this.#deps.logger.error({ err: error, delivery: deliveryId }, "could not hand a delivery to its listener");
      return failed(`could not hand the delivery to hubhooks listen: ${(error as Error).message ?? error}`);
    }
  }

  /** Waits for the listener's answer: woken by an acknowledgement in this process, else polling. */
  async #answerOf(channelId: string, eventId: string, deadline: number) {
    let poke: (() => void) | undefined;
    const stop = this.#wake.subscribe(channelId, () => poke?.());
    try {
      for (;;) {
        const row = await this.#deps.db
          .selectFrom("relay_events")
          .select(["answered_at", "answer_status", "answer_body", "answer_error", "answer_duration_ms"])
          .where("id", "=", eventId)
          .executeTakeFirst();
        if (!row) return undefined;
        if (row.answered_at !== null) return row;
        const left = deadline - Date.now();
        if (left <= 0) return undefined;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(left, ANSWER_POLL_MS));
          poke = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    } finally {
      stop();
    }
  }

  close(): void {
    clearInterval(this.#timer);
  }
}
