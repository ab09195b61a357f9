import { Worker } from "node:worker_threads";
import type { AttemptOutcome, AttemptSender, SenderConfig } from "./sender.js";
import type { AttemptAnswer, AttemptRequest } from "./sender-thread.js";

/** Run from TypeScript sources (the tests), the thread loads them through tsx, as vitest does for the rest. */
const FROM_SOURCE = import.meta.url.endsWith(".ts");
const THREAD = new URL(FROM_SOURCE ? "./sender-thread.ts" : "./sender-thread.js", import.meta.url);

/**
 * The sender in a worker thread: on SQLite the one event loop of `hubhooks serve` parses, validates, writes and
 * sent every attempt; undici's work now runs on the second core. Attempts go over in batches (one message per
 * turn of the loop each way) with their url, headers and body; the SSRF guard, timeouts, response excerpts and
 * connection caps are the same Sender's, run in the thread. The database, signing, hand-offs and results stay on
 * the main thread. Started on the first attempt; it does not keep the process alive while nothing is in flight.
 */
export class ThreadedSender implements AttemptSender {
  readonly #config: SenderConfig;
  #thread: Worker | undefined;
  #nextId = 0;
  readonly #pending = new Map<number, (outcome: AttemptOutcome) => void>();
  #outbox: AttemptRequest[] = [];

  constructor(config: SenderConfig) {
    this.#config = {
      perOriginConcurrency: config.perOriginConcurrency,
      timeoutMs: config.timeoutMs,
      allowPrivateTargets: config.allowPrivateTargets,
    };
  }

  send(url: string, headers: Record<string, string>, body: string): Promise<AttemptOutcome> {
    const thread = this.#thread ?? this.#startThread();
    const id = this.#nextId++;
    if (this.#pending.size === 0) thread.ref();
    if (this.#outbox.length === 0) setImmediate(() => this.#post());
    this.#outbox.push([id, url, headers, body, Date.now()]);
    return new Promise((resolve) => this.#pending.set(id, resolve));
  }

  async close(): Promise<void> {
    const thread = this.#thread;
    if (!thread) return;
    this.#post();
    const exited = new Promise((resolve) => thread.once("exit", resolve));
    thread.postMessage("close");
    await exited;
  }

  #post(): void {
    const batch = this.#outbox;
    this.#outbox = [];
    if (batch.length > 0) this.#thread?.postMessage(batch);
  }

  #startThread(): Worker {
    const thread = FROM_SOURCE
      ? new Worker(
          `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(THREAD.href)}); })`,
          { eval: true, workerData: { config: this.#config } },
        )
      : new Worker(THREAD, { workerData: { config: this.#config } });
    thread.unref();
    thread.on("message", (answers: AttemptAnswer[]) => {
      for (const [id, outcome] of answers) {
        const resolve = this.#pending.get(id);
        this.#pending.delete(id);
        resolve?.(outcome);
      }
      if (this.#pending.size === 0) thread.unref();
    });
    let failure = "the sender thread stopped";
    thread.on("error", (error) => {
      failure = `the sender thread failed: ${error.message}`;
    });
    thread.once("exit", () => {
      if (this.#thread === thread) this.#thread = undefined;
      // Never rejects, as the Sender: what was in flight is a failed attempt, recorded and retried as any other.
      const startedAt = Date.now();
      for (const resolve of this.#pending.values()) {
        resolve({
          ok: false,
          statusCode: null,
          responseHeaders: {},
          responseBody: "",
          error: failure,
          startedAt,
          durationMs: 0,
        });
      }
      this.#pending.clear();
      this.#outbox = [];
    });
    this.#thread = thread;
    return thread;
  }
}
