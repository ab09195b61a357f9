import { TERMINAL_JOB_STAGES } from "@hubhooks/schemas";
import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import type { ServerDeps } from "../core/deps.js";
import { linesAfter, seqBeforeTail } from "./log-store.js";

const POLL_MS = 250;
const KEEP_ALIVE_MS = 15_000;

/**
 * A job's log as the Hub streams it: one `data: {"data": line, "timestamp": iso}` event per line, everything
 * so far first (or the last `tail` lines), then new lines as the job writes them, a `: keep-alive` comment when
 * idle, and the end of the stream once the job has ended and every line was sent. `follow: false` (hubhooks'
 * `?follow=false`) ends it after the lines written so far, for clients without a read timeout to stop on.
 */
export function logsStream(
  c: Context,
  deps: ServerDeps,
  jobId: string,
  options: { tail: number | undefined; follow: boolean },
): Response {
  const { tail, follow } = options;
  return streamSSE(c, async (stream) => {
    let seq = tail === undefined ? -1 : await seqBeforeTail(deps.db, jobId, tail);
    let lastSent = Date.now();
    try {
      while (!stream.aborted && !stream.closed) {
        // Read the stage before the lines: a job that ended has written all of its lines by then.
        const job = await deps.db.selectFrom("jobs").select("stage").where("id", "=", jobId).executeTakeFirst();
        const ended = !job || TERMINAL_JOB_STAGES.includes(job.stage as never);
        for (;;) {
          const lines = await linesAfter(deps.db, jobId, seq);
          for (const entry of lines) {
            await stream.writeSSE({
              data: JSON.stringify({ data: entry.line, timestamp: new Date(entry.at).toISOString() }),
            });
            seq = entry.seq;
            lastSent = Date.now();
          }
          if (lines.length < 1000) break;
        }
        if (ended || !follow) break;
        if (Date.now() - lastSent >= KEEP_ALIVE_MS) {
          await stream.write(": keep-alive\n\n");
          lastSent = Date.now();
        }
        await stream.sleep(POLL_MS);
      }
    } catch (error) {
      deps.logger.warn({ err: error, job: jobId }, "job logs stream failed");
    }
  });
}
