import { fork } from "node:child_process";
import autocannon from "autocannon";
import { EXAMPLE_REPO_CONTENT_UPDATED } from "../../packages/schemas/dist/index.js";
import { askChild } from "./ipc.mjs";

/** A 1 KB Hub payload, as the Hub sends it. */
const body = JSON.stringify({
  ...EXAMPLE_REPO_CONTENT_UPDATED,
  padding: "x".repeat(Math.max(0, 1024 - JSON.stringify(EXAMPLE_REPO_CONTENT_UPDATED).length - 14)),
});

async function startVariant(variant) {
  const child = fork(new URL("../receiver-server.mjs", import.meta.url), [variant], { stdio: "ignore" });
  const ask = (message, key) => askChild(child, message, key);
  const port = await ask(undefined, "port");
  return { port, rss: () => ask("rss", "rss"), stop: () => child.kill() };
}

/** Requests/s of one variant under `connections` keep-alive connections for `seconds`, all answered 200. */
function load(port, { connections, seconds, amount }) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `http://127.0.0.1:${port}/webhooks/bench`,
        method: "POST",
        connections,
        ...(amount ? { amount } : { duration: seconds }),
        headers: { "content-type": "application/json", "x-webhook-secret": "bench-secret" },
        body,
      },
      (error, result) => {
        if (error) reject(error);
        else if (result.non2xx > 0 || result.errors > 0)
          reject(new Error(`${result.non2xx} non-2xx, ${result.errors} errors`));
        else resolve({ perSecond: result.requests.average, p50: result.latency.p50, total: result.requests.total });
      },
    );
  });
}

/** P4: requests/s of a variant after a warm-up. */
export async function receiverThroughput(variant, { seconds }) {
  const server = await startVariant(variant);
  try {
    await load(server.port, { connections: 32, seconds: 1 });
    return await load(server.port, { connections: 32, seconds });
  } finally {
    server.stop();
  }
}

/** RSS of `WebhooksServer` via launch after 10 000 requests and after `total`. */
export async function receiverMemory({ total }) {
  const server = await startVariant("launch");
  try {
    await load(server.port, { connections: 32, amount: 10_000 });
    const early = await server.rss();
    await load(server.port, { connections: 32, amount: total - 10_000 });
    const late = await server.rss();
    return { after10k: early / 2 ** 20, afterTotal: late / 2 ** 20, growth: (late - early) / early };
  } finally {
    server.stop();
  }
}
