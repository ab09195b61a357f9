import type { Kysely } from "kysely";
import type { Database } from "../store/schema.js";
import { appendLines } from "./log-store.js";

const FLUSH_MS = 200;
const FLUSH_LINES = 500;
/** One line longer than this is cut: a job printing megabytes without a newline stays one bounded row. */
const MAX_LINE_CHARS = 16 * 1024;

/**
 * Collects a job's output lines and writes them in batches, numbered in order, until `maxBytes` of them are
 * kept; past it one line says the log was cut and the rest is dropped (the job goes on running).
 */
export class LogWriter {
  readonly #db: Kysely<Database>;
  readonly #jobId: string;
  readonly #maxBytes: number;
  #seq = 0;
  #bytes = 0;
  #truncated = false;
  #pending: Array<{ at: number; line: string }> = [];
  #pendingBytes = 0;
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> = Promise.resolve();
  readonly #onError: (error: unknown) => void;

  constructor(db: Kysely<Database>, jobId: string, maxBytes: number, onError: (error: unknown) => void) {
    this.#db = db;
    this.#jobId = jobId;
    this.#maxBytes = maxBytes;
    this.#onError = onError;
  }

  add(text: string): void {
    if (this.#truncated) return;
    // PostgreSQL text cannot hold NUL: a job printing binary keeps its log, with U+FFFD in its place.
    const clean = text.replaceAll("\u0000", "\ufffd");
    const line = clean.length > MAX_LINE_CHARS ? `${clean.slice(0, MAX_LINE_CHARS)} [line cut]` : clean;
    const size = Buffer.byteLength(line) + 1;
    if (this.#bytes + size > this.#maxBytes) {
      this.#truncated = true;
      this.#push(`[hubhooks] log cut at ${this.#maxBytes} bytes (the server's cap): later output is not kept`, 0);
      return;
    }
    this.#bytes += size;
    this.#push(line, size);
  }

  #push(line: string, size: number): void {
    this.#pending.push({ at: Date.now(), line });
    this.#pendingBytes += size;
    if (this.#pending.length >= FLUSH_LINES) void this.flush();
    else this.#timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /** Writes what is pending; resolves once every line added so far is stored. */
  flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    const lines = this.#pending;
    const bytes = this.#pendingBytes;
    this.#pending = [];
    this.#pendingBytes = 0;
    const firstSeq = this.#seq;
    this.#seq += lines.length;
    this.#writing = this.#writing
      .then(() => appendLines(this.#db, this.#jobId, firstSeq, lines, bytes))
      .catch(this.#onError);
    return this.#writing;
  }
}
