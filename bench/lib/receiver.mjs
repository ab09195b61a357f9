import { fork } from "node:child_process";
import { askChild } from "./ipc.mjs";

/** The receiver process of bench/receiver.mjs, with request/answer helpers over IPC. */
export async function startReceiver() {
  const child = fork(new URL("../receiver.mjs", import.meta.url), { stdio: "ignore" });
  const arrivals = [];
  child.on("message", (message) => {
    if (message.arrival) arrivals.push(message.arrival);
  });
  const ask = (message, key) => askChild(child, message, key);
  const port = await ask(undefined, "port");
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals,
    count: () => ask("count", "count"),
    reset: () => child.send("reset"),
    track: (on) => child.send({ track: on }),
    /** Opens `n` more ports (distinct origins). */
    listen: async (n) => (await ask({ listen: n }, "ports")).map((p) => `http://127.0.0.1:${p}`),
    stop: () => child.kill(),
  };
}

/** Resolves when the receiver has seen `total` requests; calls `onProgress` now and then. */
export async function waitForCount(receiver, total, { timeoutMs = 300_000, onProgress } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastReport = Date.now();
  for (;;) {
    const count = await receiver.count();
    if (count >= total) return count;
    if (Date.now() > deadline) throw new Error(`receiver saw ${count} of ${total} requests before the timeout`);
    if (onProgress && Date.now() - lastReport > 2000) {
      onProgress(count);
      lastReport = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
