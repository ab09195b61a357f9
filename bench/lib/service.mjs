import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../../packages/server/dist/index.js";
import { startHubhooks } from "./processes.mjs";

// Neither the trigger limit nor the cap on webhooks per account is what the benchmark measures.
const RATE_LIMIT = ["--rate-limit", "1000000000"];
/** `serve` also creates the webhooks (P3 makes 10 000); `worker` knows no --max-webhooks and exits on it. */
const LIMITS = [...RATE_LIMIT, "--max-webhooks", "0"];

/**
 * A hubhooks deployment in child processes: `serve` (with its own worker on SQLite, API only with `workers`
 * PostgreSQL worker processes; no delivery at all with `deliver: false`), ready to take events over HTTP.
 */
export async function startService({ database, workers = 0, deliver = true }) {
  let dir;
  if (!database) {
    dir = await mkdtemp(join(tmpdir(), "hubhooks-bench-"));
    database = join(dir, "bench.db");
  }
  const serveArgs = ["serve", "--port", "0", "--database", database, "--allow-private-targets", ...LIMITS];
  if (workers > 0 || !deliver) serveArgs.push("--no-worker");
  const serve = await startHubhooks(serveArgs, /listening on (http:\/\/\S+)/);
  const url = serve.match[1];
  const token = serve.output().match(/^\s+(hf_[A-Za-z]+)\s*$/m)?.[1];
  const workerProcesses = [];
  for (let i = 0; i < workers; i++) {
    workerProcesses.push(
      await startHubhooks(["worker", "--database", database, "--allow-private-targets", ...RATE_LIMIT], /delivering/),
    );
  }
  const api = async (method, path, body) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  return {
    url,
    database,
    api,
    serve,
    workers: workerProcesses,
    /** Deliveries recorded as delivered in the database. */
    async deliveredCount() {
      const opened = await openDatabase(database);
      try {
        const row = await opened.db
          .selectFrom("deliveries")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("status", "=", "delivered")
          .where("repo_name", "!=", "model/bench/old") // not the rows a full window was filled with
          .executeTakeFirstOrThrow();
        return Number(row.n);
      } finally {
        await opened.close();
      }
    },
    async stop() {
      await Promise.all(workerProcesses.map((worker) => worker.stop()));
      await serve.stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Posts `total` repo events for org `bench` in batches of 1000 over HTTP; resolves when all are accepted. */
export async function ingest(service, total, namePrefix = "bench/model-") {
  for (let sent = 0; sent < total; sent += 1000) {
    const events = Array.from({ length: Math.min(1000, total - sent) }, (_, i) => ({
      event: { action: "update", scope: "repo.content" },
      repo: { type: "model", name: `${namePrefix}${sent + i}`, headSha: "a".repeat(40) },
    }));
    await service.api("POST", "/api/events", events);
  }
}
