import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import type { ServerDeps } from "../core/deps.js";
import { markListener } from "./channel-store.js";
import { markSent, pendingEvents } from "./event-store.js";
import { toEvent } from "./to-wire.js";
import type { RelayWake } from "./wake.js";

const HEARTBEAT_MS = 5_000;

/**
 * The stream of a listener: every unacknowledged event of the channel in order, then each new one as it comes
 * (woken in this process at once, from other processes by the notifier or the poll). An event is sent once per
 * connection until it is acknowledged; one acknowledged and then replayed is sent again. A comment line every
 * few seconds keeps proxies from closing an idle stream and tells the server the listener is still there.
 */
export function listenStream(c: Context, deps: ServerDeps, wake: RelayWake, channelId: string): Response {
  return streamSSE(c, async (stream) => {
    // id → answered_at when sent: a replay sets acked_at back to null and keeps answered_at, so it differs.
    const sent = new Map<string, number | null>();
    let poke: (() => void) | undefined;
    let dirty = false;
    const nudge = () => {
      dirty = true;
      poke?.();
    };
    const stopWake = wake.subscribe(channelId, nudge);
    const stopNotifier = deps.notifier.subscribe(nudge);
    const pollMs = Math.max(deps.config.pollIntervalMs, 100);
    let lastBeat = 0;
    stream.onAbort(() => nudge());
    try {
      await stream.writeSSE({ event: "ready", data: JSON.stringify({ channelId }) });
      while (!stream.aborted && !stream.closed && !wake.closed) {
        dirty = false;
        const now = Date.now();
        if (now - lastBeat >= HEARTBEAT_MS) {
          lastBeat = now;
          await markListener(deps.db, channelId, now);
          await stream.writeSSE({ event: "ping", data: String(now) });
        }
        const pending = await pendingEvents(deps.db, channelId, 200);
        const pendingIds = new Set(pending.map((row) => row.id));
        for (const id of sent.keys()) if (!pendingIds.has(id)) sent.delete(id);
        for (const row of pending) {
          if (stream.aborted) break;
          if (sent.has(row.id) && sent.get(row.id) === row.answered_at) continue;
          await markSent(deps.db, row.id);
          const event = toEvent({ ...row, sends: row.sends + 1 });
          await stream.writeSSE({ event: "request", id: row.id, data: JSON.stringify(event) });
          sent.set(row.id, row.answered_at);
        }
        await new Promise<void>((resolve) => {
          if (dirty) return resolve();
          const timer = setTimeout(resolve, Math.min(pollMs, HEARTBEAT_MS));
          poke = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        poke = undefined;
      }
    } catch (error) {
      deps.logger.warn({ err: error, channelId }, "relay listen stream failed");
    } finally {
      stopWake();
      stopNotifier();
      await markListener(deps.db, channelId, null).catch(() => {});
    }
  });
}
