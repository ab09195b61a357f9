import { parentPort, workerData } from "node:worker_threads";
import { type AttemptOutcome, Sender, type SenderConfig } from "./sender.js";

/**
 * The sender thread (see threaded-sender.ts): the undici sender of the process, moved off the event loop that
 * parses, validates and writes. Takes batches of attempts, answers with batches of outcomes: one message per
 * turn of this thread's loop each way, not one per attempt.
 */
export type AttemptRequest = [id: number, url: string, headers: Record<string, string>, body: string, handedAt: number];
export type AttemptAnswer = [id: number, outcome: AttemptOutcome];
export const CLOSE = "close";

const port = parentPort;
if (port) {
  const sender = new Sender((workerData as { config: SenderConfig }).config);
  let answers: AttemptAnswer[] = [];
  const flush = () => {
    const batch = answers;
    answers = [];
    if (batch.length > 0) port.postMessage(batch);
  };
  port.on("message", (message: AttemptRequest[] | typeof CLOSE) => {
    if (message === CLOSE) {
      // Attempts in flight finish first (the agent waits for them); their outcomes go out before the port closes.
      void sender.close().then(() => {
        flush();
        port.close();
      });
      return;
    }
    for (const [id, url, headers, body, handedAt] of message) {
      void sender.send(url, headers, body, handedAt).then((outcome) => {
        if (answers.length === 0) setImmediate(flush);
        answers.push([id, outcome]);
      });
    }
  });
}
