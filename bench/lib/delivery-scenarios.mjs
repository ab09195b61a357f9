import { Agent, request } from "undici";
import { reportStatements, resetStatements } from "./pg-statements.mjs";
import { cpuSeconds, peakRssMiB } from "./processes.mjs";
import { waitForCount } from "./receiver.mjs";
import { ingest, startService } from "./service.mjs";
import { percentile, progress, sleep } from "./stats.mjs";

/** The ceiling: raw undici POSTs to the receiver, 256 in flight over 64 connections, as the worker sends. */
export async function rawUndici(receiver, total) {
  const agent = new Agent({ connections: 64 });
  const target = `${receiver.url}/hook`;
  const body = JSON.stringify({ event: { action: "update", scope: "repo.content" }, padding: "x".repeat(600) });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 256 }, async () => {
      while (next++ < total) {
        const res = await request(target, {
          method: "POST",
          body,
          headers: { "content-type": "application/json" },
          dispatcher: agent,
        });
        await res.body.dump();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await agent.close();
  return total / seconds;
}

/**
 * P1/P5: `total` events ingested in batches over HTTP, each matching one webhook, until the receiver has every
 * delivery and the database records each as delivered. Worker CPU is read from the worker processes themselves.
 * `prepare(service, webhookId)` runs before (e.g. filling the webhook's trigger window). All CPU (app = serve and
 * workers, database = every PostgreSQL process when `postgres` is given) is measured the same way as the peer's.
 */
export async function durableDeliveries(receiver, { database, workers = 0, total, prepare, postgres }) {
  const service = await startService({ database, workers });
  try {
    const { webhook } = await service.api("POST", "/api/settings/webhooks", {
      url: `${receiver.url}/p1`,
      watched: [{ type: "org", name: "bench" }],
    });
    if (prepare) await prepare(service, webhook.id);
    receiver.reset();
    const deliverers = workers > 0 ? service.workers.map((w) => w.child.pid) : [service.serve.child.pid];
    const cpuBefore = deliverers.map(cpuSeconds);
    const apps = [service.serve.child.pid, ...service.workers.map((w) => w.child.pid)];
    const appBefore = apps.map(cpuSeconds);
    if (postgres) await resetStatements(database);
    const databaseBefore = postgres?.cpuSeconds() ?? 0;
    const started = performance.now();
    await ingest(service, total);
    await waitForCount(receiver, total, { onProgress: (n) => progress(`${n} / ${total} delivered`) });
    const seconds = (performance.now() - started) / 1000;
    const cpu = deliverers.map((pid, i) => cpuSeconds(pid) - (cpuBefore[i] ?? 0)).reduce((a, b) => a + b, 0);
    const app = apps.map((pid, i) => cpuSeconds(pid) - (appBefore[i] ?? 0)).reduce((a, b) => a + b, 0);
    const db = postgres ? postgres.cpuSeconds() - databaseBefore : 0;
    let delivered = 0;
    for (let i = 0; i < 200 && delivered < total; i++) {
      delivered = await service.deliveredCount();
      if (delivered < total) await sleep(25);
    }
    if (delivered < total) throw new Error(`only ${delivered} of ${total} deliveries recorded as delivered`);
    const statements = postgres ? await reportStatements(database, total, `hubhooks, ${workers} worker(s)`) : undefined;
    return {
      statements,
      perSecond: total / seconds,
      workerCpuMicrosPerDelivery: (cpu / total) * 1e6,
      appCpuMicrosPerDelivery: (app / total) * 1e6,
      databaseCpuMicrosPerDelivery: (db / total) * 1e6,
      cpuMicrosPerDelivery: ((app + db) / total) * 1e6,
      peakRssMiB: peakRssMiB(service.serve.child.pid),
    };
  } finally {
    await service.stop();
  }
}

/** P2: single events at a steady rate; latency from sending the POST to the receiver's arrival, in ms. */
export async function steadyLatency(receiver, { rate, seconds, prepare }) {
  const service = await startService({});
  try {
    const { webhook } = await service.api("POST", "/api/settings/webhooks", {
      url: `${receiver.url}/p2`,
      watched: [{ type: "org", name: "steady" }],
    });
    if (prepare) await prepare(service, webhook.id);
    receiver.arrivals.length = 0;
    receiver.track(true);
    const sentAt = new Map();
    const total = rate * seconds;
    const start = performance.now();
    const posts = [];
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const name = `steady/m-${i}`;
      sentAt.set(name, performance.timeOrigin + performance.now());
      posts.push(
        service.api("POST", "/api/events", {
          event: { action: "update", scope: "repo" },
          repo: { type: "model", name },
        }),
      );
    }
    await Promise.all(posts);
    const deadline = Date.now() + 10_000;
    while (receiver.arrivals.length < total && Date.now() < deadline) await sleep(20);
    receiver.track(false);
    const latencies = receiver.arrivals.map((a) => a.at - (sentAt.get(a.name) ?? a.at)).sort((a, b) => a - b);
    return { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), received: latencies.length, total };
  } finally {
    await service.stop();
  }
}

/** P3: one event to `webhooks` matching webhooks spread over `origins` receiver ports. */
export async function fanOut(receiver, { webhooks, origins }) {
  const service = await startService({});
  try {
    const urls = await receiver.listen(origins);
    // Created through the API in parallel; that is setup, not measured.
    for (let i = 0; i < webhooks; i += 100) {
      await Promise.all(
        Array.from({ length: Math.min(100, webhooks - i) }, (_, j) =>
          service.api("POST", "/api/settings/webhooks", {
            url: `${urls[(i + j) % urls.length]}/fan-${i + j}`,
            watched: [{ type: "user", name: "admin" }],
            domains: ["repo"],
          }),
        ),
      );
    }
    receiver.reset();
    const started = performance.now();
    await service.api("POST", "/api/events", {
      event: { action: "update", scope: "repo.content" },
      repo: { type: "model", name: "admin/fan-out", headSha: "b".repeat(40) },
    });
    const acceptedMs = performance.now() - started;
    await waitForCount(receiver, webhooks, { onProgress: (n) => progress(`${n} / ${webhooks} fanned out`) });
    return { acceptedMs, allDeliveredMs: performance.now() - started };
  } finally {
    await service.stop();
  }
}
