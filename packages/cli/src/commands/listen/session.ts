import type { RelayAnswer, RelayEvent } from "@hubhooks/client";
import { CliError } from "../../cli-error.js";
import type { OutputFormat } from "../../output/format.js";
import { oneLine, safeText, say } from "../../terminal.js";
import { forwardEvent } from "./forward.js";

export interface ListenTarget {
  hub: { hubUrl: string; accessToken?: string };
  channelId: string;
  /** Where to re-send each event; undefined with --print. */
  forwardTo: string | undefined;
  /** json: one JSON line per event; quiet: its id; table: one line when forwarding. */
  format: OutputFormat;
}

const BACKOFF_MS = [500, 1_000, 2_000, 4_000, 8_000, 15_000];
/** The server pings every 5 s: this long without a word means the connection is gone (a proxy, a sleep). */
const SILENCE_MS = 20_000;
const PRINTED: RelayAnswer = { statusCode: null, durationMs: 0, body: "", error: "printed by --print, not forwarded" };

function line(event: RelayEvent, answer: RelayAnswer): string {
  const time = new Date().toISOString().slice(11, 19);
  const result = answer.statusCode === null ? (answer.error ?? "no answer") : `${answer.statusCode}`;
  const excerpt = answer.body.replace(/\s+/g, " ").trim().slice(0, 60);
  const retry = event.sends > 1 ? `  (sent ${event.sends} times)` : "";
  return oneLine(
    `${time}  ${event.id}  ${event.method} ${event.path || "/"}  → ${result}  ${answer.durationMs} ms  ${excerpt}${retry}`,
  );
}

function printPayload(event: RelayEvent): void {
  const text = Buffer.from(event.body, "base64").toString("utf8");
  let shown = text;
  try {
    shown = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // not JSON: shown as received
  }
  say(`--- ${event.id}  ${event.method} ${event.path || "/"}  ${event.receivedAt}`);
  for (const [name, value] of event.headers) say(oneLine(`${name}: ${value}`));
  process.stdout.write(`\n${safeText(shown)}\n`);
}

/** One connection: handles each event in order (forward or print, then acknowledge) until the stream ends. */
async function connectOnce(target: ListenTarget, onReady: () => void): Promise<void> {
  const { listenRelayChannel, acknowledgeRelayEvent } = await import("@hubhooks/client");
  const controller = new AbortController();
  let silence = setTimeout(() => controller.abort(), SILENCE_MS);
  try {
    for await (const message of listenRelayChannel({
      ...target.hub,
      channelId: target.channelId,
      signal: controller.signal,
    })) {
      clearTimeout(silence);
      silence = setTimeout(() => controller.abort(), SILENCE_MS);
      if (message.type === "ready") onReady();
      if (message.type !== "request") continue;
      const { event } = message;
      let answer = PRINTED;
      if (target.forwardTo) answer = await forwardEvent(event, target.forwardTo);
      else printPayload(event);
      await acknowledgeRelayEvent({ ...target.hub, channelId: target.channelId, eventId: event.id, answer });
      if (target.format === "json") {
        process.stdout.write(
          `${JSON.stringify({ id: event.id, method: event.method, path: event.path, sends: event.sends, ...answer })}\n`,
        );
      } else if (target.format === "quiet") say(event.id);
      else if (target.forwardTo) say(line(event, answer));
    }
  } finally {
    clearTimeout(silence);
    controller.abort();
  }
}

/**
 * Listens until stopped: connects, handles events, and when the connection drops reconnects with backoff.
 * Events handled but not acknowledged when it dropped come again (at-least-once). A refused token or an unknown
 * channel stops it with an error.
 */
export async function listen(target: ListenTarget, readyMessage: string): Promise<never> {
  const { HubApiError } = await import("@hubhooks/client");
  let failures = 0;
  for (;;) {
    try {
      await connectOnce(target, () => {
        failures = 0;
        process.stderr.write(`${readyMessage}\n`);
      });
      failures = 0;
    } catch (error) {
      if (error instanceof HubApiError && [401, 403, 404].includes(error.statusCode)) {
        throw new CliError(`${error.statusCode}: ${error.message}`);
      }
      const reason = error instanceof Error ? error.message : String(error);
      const delay = BACKOFF_MS[Math.min(failures, BACKOFF_MS.length - 1)] as number;
      failures += 1;
      process.stderr.write(`${oneLine(`Connection lost (${reason}); reconnecting in ${delay / 1000} s`)}\n`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      continue;
    }
    process.stderr.write("The server closed the stream; reconnecting\n");
    await new Promise((resolve) => setTimeout(resolve, BACKOFF_MS[0]));
  }
}
