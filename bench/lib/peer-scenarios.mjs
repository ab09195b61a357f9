import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { reportStatements, resetStatements } from "./pg-statements.mjs";
import { cpuSeconds } from "./processes.mjs";
import { waitForCount } from "./receiver.mjs";
import { progress } from "./stats.mjs";

const PEER = fileURLToPath(new URL("../peer/graphile-service.mjs", import.meta.url));

function startPeerProcess(mode, database) {
  const child = spawn(process.execPath, [PEER, mode, database], { env: { ...process.env, NODE_ENV: "production" } });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`graphile-worker ${mode} did not start:\n${output}`)), 60_000);
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const match = output.match(/ready ?(\S*)/);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.removeAllListeners("data");
      resolve({
        child,
        url: match[1],
        stop: () =>
          child.exitCode !== null
            ? Promise.resolve()
            : new Promise((done) => {
                child.once("exit", done);
                child.kill("SIGTERM");
              }),
      });
    });
    child.once("exit", (code) => reject(new Error(`graphile-worker ${mode} exited with ${code}:\n${output}`)));
  });
}

/**
 * The payload hubhooks would send for the bench's event (a v3 Hub payload of the same shape and size), so that
 * both systems carry the same bytes: the peer's ingest takes payloads ready to send, as a minimal service would.
 */
function hubPayload(name, url) {
  return {
    url,
    event: { action: "update", scope: "repo.content" },
    repo: {
      type: "model",
      name,
      id: "6571b0a1c2d3e4f5a6b7c8d9",
      private: false,
      url: { web: `http://127.0.0.1:8080/${name}`, api: `http://127.0.0.1:8080/api/models/${name}` },
      owner: { id: "6571b0a1c2d3e4f5a6b7c8da" },
      headSha: "a".repeat(40),
    },
    webhook: { id: "6571b0a1c2d3e4f5a6b7c8db", version: 3 },
  };
}

/**
 * The same P1 run on the graphile-worker peer: one hono ingest process, one worker process with the docs'
 * performance preset, events POSTed in batches of 1 000 until the receiver has them all. CPU is the two
 * processes' plus PostgreSQL's (every process of the server, see postgres.cpuSeconds) over the run.
 */
export async function graphileDeliveries(receiver, postgres, { total }) {
  const database = await postgres.createDatabase();
  const worker = await startPeerProcess("worker", database);
  const ingest = await startPeerProcess("ingest", database);
  try {
    receiver.reset();
    const apps = [worker.child.pid, ingest.child.pid];
    const appBefore = apps.map(cpuSeconds);
    await resetStatements(database);
    const databaseBefore = postgres.cpuSeconds();
    const started = performance.now();
    for (let sent = 0; sent < total; sent += 1000) {
      const events = Array.from({ length: Math.min(1000, total - sent) }, (_, i) =>
        hubPayload(`bench/model-${sent + i}`, `${receiver.url}/peer`),
      );
      const res = await fetch(`${ingest.url}/events`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(events),
      });
      if (res.status !== 202) throw new Error(`graphile-worker ingest: ${res.status} ${await res.text()}`);
    }
    await waitForCount(receiver, total, { onProgress: (n) => progress(`${n} / ${total} delivered (graphile-worker)`) });
    const seconds = (performance.now() - started) / 1000;
    const app = apps.map((pid, i) => cpuSeconds(pid) - appBefore[i]).reduce((a, b) => a + b, 0);
    const db = postgres.cpuSeconds() - databaseBefore;
    return {
      statements: await reportStatements(database, total, "graphile-worker"),
      perSecond: total / seconds,
      appCpuMicrosPerDelivery: (app / total) * 1e6,
      databaseCpuMicrosPerDelivery: (db / total) * 1e6,
      cpuMicrosPerDelivery: ((app + db) / total) * 1e6,
    };
  } finally {
    await ingest.stop();
    await worker.stop();
  }
}
