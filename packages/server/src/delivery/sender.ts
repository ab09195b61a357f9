import { setMaxListeners } from "node:events";
import { Agent, request } from "undici";
import type { DeliveryConfig } from "../core/config.js";
import { assertPublicLiteral, publicOnlyLookup } from "./ssrf.js";

export const MAX_RESPONSE_BODY_BYTES = 16 * 1024;
const DEADLINE_SLOT_MS = 100;

export interface AttemptOutcome {
  ok: boolean;
  statusCode: number | null;
  responseHeaders: Record<string, string>;
  responseBody: string;
  error: string | null;
  startedAt: number;
  durationMs: number;
}

async function readExcerpt(body: AsyncIterable<Buffer> & { dump(): Promise<void> }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= MAX_RESPONSE_BODY_BYTES) break;
  }
  await body.dump().catch(() => {});
  return Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BODY_BYTES).toString("utf8");
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}

/** POSTs payloads with undici: keep-alive, per-origin connection cap, hard timeout, no redirects, SSRF guard. */
export class Sender {
  readonly #agent: Agent;
  readonly #config: DeliveryConfig;
  #slot = -1;
  #slotSignal: AbortSignal | undefined;

  constructor(config: DeliveryConfig) {
    this.#config = config;
    this.#agent = new Agent({
      connections: config.perOriginConcurrency,
      keepAliveTimeout: 10_000,
      headersTimeout: config.timeoutMs,
      bodyTimeout: config.timeoutMs,
      connect: {
        timeout: Math.min(10_000, config.timeoutMs),
        ...(!config.allowPrivateTargets && { lookup: publicOnlyLookup }),
      },
    });
  }

  async send(url: string, headers: Record<string, string>, body: string): Promise<AttemptOutcome> {
    const startedAt = Date.now();
    const started = performance.now();
    const finish = (outcome: Omit<AttemptOutcome, "startedAt" | "durationMs">): AttemptOutcome => ({
      ...outcome,
      startedAt,
      durationMs: Math.round(performance.now() - started),
    });
    try {
      if (!this.#config.allowPrivateTargets) assertPublicLiteral(new URL(url));
      const response = await request(url, {
        method: "POST",
        headers,
        body,
        dispatcher: this.#agent,
        signal: this.#deadline(),
      });
      const responseBody = await readExcerpt(response.body);
      const ok = response.statusCode >= 200 && response.statusCode < 300;
      const redirect = response.statusCode >= 300 && response.statusCode < 400;
      return finish({
        ok,
        statusCode: response.statusCode,
        responseHeaders: flattenHeaders(response.headers),
        responseBody,
        error: ok ? null : redirect ? "redirect not followed: answer with 2xx" : `HTTP ${response.statusCode}`,
      });
    } catch (error) {
      return finish({ ok: false, statusCode: null, responseHeaders: {}, responseBody: "", error: describe(error) });
    }
  }

  /**
   * The hard deadline of an attempt. Attempts that start within the same 100 ms share one timeout signal (a
   * timer per attempt showed up in profiles), so each gets its timeout plus at most 0.1 s.
   */
  #deadline(): AbortSignal {
    const slot = Math.floor(Date.now() / DEADLINE_SLOT_MS);
    if (slot !== this.#slot || !this.#slotSignal) {
      this.#slot = slot;
      this.#slotSignal = AbortSignal.timeout(this.#config.timeoutMs + DEADLINE_SLOT_MS);
      setMaxListeners(0, this.#slotSignal); // one listener per attempt in flight is expected
    }
    return this.#slotSignal;
  }

  close(): Promise<void> {
    return this.#agent.close();
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === "TimeoutError" || error.name === "AbortError") return "timed out";
  // undici's own timers (time to headers, between body chunks, connect) are the same timeout to the user.
  const timerCode = (error as { code?: string }).code;
  if (
    timerCode === "UND_ERR_HEADERS_TIMEOUT" ||
    timerCode === "UND_ERR_BODY_TIMEOUT" ||
    timerCode === "UND_ERR_CONNECT_TIMEOUT"
  ) {
    return "timed out";
  }
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error && cause.message && cause.message !== error.message) {
    return `${error.message}: ${cause.message}`;
  }
  const code = (error as { code?: string }).code;
  return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
}
