// Measures durable deliveries per second against a loopback receiver, next to raw undici POSTs per second.
// Run with `npm run bench` (after `npm ci`); prints a table and writes bench-results/delivery-throughput.json.
import { fork } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { Agent, request } from "undici";
import { createServer, createUser } from "../packages/server/dist/index.js";

const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 20_000);
const BATCH = 1000;

const receiver = fork(new URL("./receiver.mjs", import.meta.url), { stdio: "ignore" });
const ask = (message, key) =>
  new Promise((resolve) => {
    const onMessage = (reply) => {
      if (key in reply) {
        receiver.off("message", onMessage);
        resolve(reply[key]);
      }
    };
    receiver.on("message", onMessage);
    if (message) receiver.send(message);
  });
const port = await ask(undefined, "port");
const target = `http://127.0.0.1:${port}/hook`;

async function rawUndici(total) {
  const agent = new Agent({ connections: 64 });
  const started = performance.now();
  let next = 0;
  const body = JSON.stringify({ event: { action: "update", scope: "repo.content" }, padding: "x".repeat(600) });
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

async function durable(total) {
  const dir = await mkdtemp(join(tmpdir(), "hubhooks-bench-"));
  const server = await createServer({
    database: join(dir, "bench.db"),
    logger: pino({ level: "error" }),
    delivery: { allowPrivateTargets: true, rateLimit: { limit: 10_000_000, windowMs: 86_400_000 } },
  });
  const { account, token } = await createUser(server.db, "bench", { publisher: true });
  const call = (method, path, body) =>
    server.app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  await call("POST", "/api/settings/webhooks", { url: target, watched: [{ type: "org", name: "bench" }] });
  receiver.send("reset");
  server.worker.start();
  const started = performance.now();
  const latencies = [];
  for (let sent = 0; sent < total; sent += BATCH) {
    const events = Array.from({ length: Math.min(BATCH, total - sent) }, (_, i) => ({
      event: { action: "update", scope: "repo.content" },
      repo: { type: "model", name: `bench/model-${sent + i}`, headSha: "a".repeat(40) },
    }));
    const res = await call("POST", "/api/events", events);
    if (res.status !== 202) throw new Error(`ingest failed: ${res.status} ${await res.text()}`);
  }
  const ingestSeconds = (performance.now() - started) / 1000;
  for (;;) {
    const delivered = await server.db
      .selectFrom("deliveries")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("status", "=", "delivered")
      .executeTakeFirstOrThrow();
    if (Number(delivered.n) >= total) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const seconds = (performance.now() - started) / 1000;
  // Light load: single events, one at a time, time from the 202 to the receiver seeing it.
  for (let i = 0; i < 50; i++) {
    const before = await ask("count", "count");
    const t0 = performance.now();
    await call("POST", "/api/events", {
      event: { action: "update", scope: "repo" },
      repo: { type: "model", name: "bench/one" },
    });
    while ((await ask("count", "count")) <= before) await new Promise((resolve) => setImmediate(resolve));
    latencies.push(performance.now() - t0);
  }
  await server.close();
  await rm(dir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  return {
    perSecond: total / seconds,
    ingestPerSecond: total / ingestSeconds,
    p50: latencies[Math.floor(latencies.length * 0.5)],
    p99: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))],
    account: account.name,
  };
}

const raw = await rawUndici(Math.min(DELIVERIES, 20_000));
const result = await durable(DELIVERIES);
receiver.kill();

const rows = [
  ["raw undici POST/s (256 in flight, 64 connections)", raw.toFixed(0)],
  [`durable deliveries/s on SQLite (${DELIVERIES}, ingest → delivered)`, result.perSecond.toFixed(0)],
  ["  ratio to raw undici", `${((result.perSecond / raw) * 100).toFixed(0)} %`],
  ["ingest events/s (batches of 1000, 1 webhook)", result.ingestPerSecond.toFixed(0)],
  ["ingest → receiver p50, light load (ms)", result.p50.toFixed(1)],
  ["ingest → receiver p99, light load (ms)", result.p99.toFixed(1)],
];
const width = Math.max(...rows.map(([name]) => name.length));
console.log(
  `\nhubhooks delivery benchmark — ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`,
);
for (const [name, value] of rows) console.log(`${name.padEnd(width)}  ${value}`);
await mkdir("bench-results", { recursive: true });
await writeFile(
  "bench-results/delivery-throughput.json",
  JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      deliveries: DELIVERIES,
      rawUndiciPerSecond: raw,
      ...result,
    },
    null,
    2,
  ),
);
console.log("\nwritten to bench-results/delivery-throughput.json");
