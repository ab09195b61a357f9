import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import Sqlite from "better-sqlite3";
import pg from "pg";
import type { TestDialect } from "../../../../../test-support/databases.js";
import type { ModelSettings } from "./scenario.js";

const ENTRY = fileURLToPath(new URL("./server-process.mjs", import.meta.url));
const DAY_MS = 86_400_000;

type Role = "serve" | "api" | "worker";

interface ModelProcess {
  role: Role;
  child: ChildProcessWithoutNullStreams;
  output(): string;
  exited: Promise<unknown>;
}

/** Starts one real hubhooks process (server-process.mjs) and resolves once it is ready. */
function startProcess(role: Role, database: string, delivery: object): Promise<ModelProcess> {
  const child = spawn(process.execPath, [ENTRY], {
    env: {
      ...process.env,
      MODEL_ROLE: role,
      MODEL_DATABASE: database,
      MODEL_DELIVERY: JSON.stringify(delivery),
      LOG_LEVEL: process.env.MODEL_LOG_LEVEL ?? "error",
    },
  });
  let output = "";
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const ready = role === "worker" ? /delivering/ : /listening on/;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${role} did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!ready.test(output)) return;
      clearTimeout(timer);
      resolve({ role, child, output: () => output, exited });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code, signal) => reject(new Error(`${role} exited (${code ?? signal}):\n${output}`)));
  });
}

export interface Kill {
  /** When SIGKILL was sent. */
  killedAt: number;
  /** When the process was gone (attempts may still reach a receiver until then). */
  diedAt: number;
  /** When the replacement was ready. */
  restartedAt: number;
  role: Role;
}

/**
 * The service under test, in real processes: on SQLite one `serve` process (API and worker) on a database file,
 * killed with SIGKILL and restarted on the same file; on PostgreSQL one API process and two worker processes,
 * one of which gets killed and replaced.
 */
export class Cluster {
  url = "";
  tokens = { owner: "", publisher: "" };
  readonly kills: Kill[] = [];
  readonly #dialect: TestDialect;
  readonly #database: string;
  readonly #delivery: object;
  #processes: ModelProcess[] = [];
  /** Output of the processes killed so far. */
  #pastOutput = "";
  #sqlite: Sqlite.Database | undefined;
  #pg: pg.Client | undefined;

  constructor(dialect: TestDialect, database: string, settings: ModelSettings) {
    this.#dialect = dialect;
    this.#database = database;
    this.#delivery = {
      retrySchedule: settings.retrySchedule,
      retryJitter: 0,
      timeoutMs: settings.timeoutMs,
      overloadBackoffMs: settings.overloadBackoffMs,
      leaseMs: settings.leaseMs,
      pollIntervalMs: settings.pollIntervalMs,
      rateLimit: { limit: settings.rateLimit, windowMs: DAY_MS },
      concurrency: settings.concurrency,
      perOriginConcurrency: settings.perOriginConcurrency,
      allowPrivateTargets: true,
      disableFailingAfterMs: DAY_MS,
      apiRateLimit: { perMinute: 0, publishers: false },
      loopGuardPerMinute: 0,
      maxWebhooksPerAccount: 0,
      sandbox: false,
    };
  }

  async start(): Promise<void> {
    const first = await startProcess(this.#dialect === "sqlite" ? "serve" : "api", this.#database, this.#delivery);
    this.#processes.push(first);
    this.url = /listening on (http:\/\/\S+)/.exec(first.output())?.[1] ?? "";
    const tokens = /tokens (\{.*\})/.exec(first.output())?.[1];
    if (!tokens) throw new Error(`no tokens printed:\n${first.output()}`);
    this.tokens = JSON.parse(tokens);
    if (this.#dialect === "postgres") {
      for (let i = 0; i < 2; i++) this.#processes.push(await startProcess("worker", this.#database, this.#delivery));
      this.#pg = new pg.Client({ connectionString: this.#database });
      await this.#pg.connect();
    } else {
      this.#sqlite = new Sqlite(this.#database, { readonly: true, fileMustExist: true });
    }
  }

  /** SIGKILL of the delivering process (SQLite: the only one; PostgreSQL: one of the workers), then a new one. */
  async kill(pick: number, restartAfterMs: number): Promise<Kill> {
    const candidates = this.#processes.filter((p) => p.role !== "api");
    const victim = candidates[Math.floor(pick * candidates.length)] ?? candidates[0];
    if (!victim) throw new Error("nothing to kill");
    const killedAt = Date.now();
    victim.child.kill("SIGKILL");
    await victim.exited;
    const diedAt = Date.now();
    this.#processes = this.#processes.filter((p) => p !== victim);
    this.#pastOutput += victim.output();
    await new Promise((resolve) => setTimeout(resolve, restartAfterMs));
    const replacement = await startProcess(victim.role, this.#database, this.#delivery);
    this.#processes.push(replacement);
    if (victim.role === "serve") this.url = /listening on (http:\/\/\S+)/.exec(replacement.output())?.[1] ?? "";
    const kill = { killedAt, diedAt, restartedAt: Date.now(), role: victim.role };
    this.kills.push(kill);
    return kill;
  }

  /** Deliveries still pending and recovery jobs still running, read from the database itself. */
  async unfinished(): Promise<{ pending: number; recoveries: number }> {
    const query = `select (select count(*) from deliveries where status = 'pending') as pending,
      (select count(*) from recoveries where status = 'running') as recoveries`;
    if (this.#sqlite) {
      const row = this.#sqlite.prepare(query).get() as { pending: number; recoveries: number };
      return { pending: Number(row.pending), recoveries: Number(row.recoveries) };
    }
    const { rows } = await (this.#pg as pg.Client).query(query);
    return { pending: Number(rows[0].pending), recoveries: Number(rows[0].recoveries) };
  }

  /** The output of every process still running (for failure messages). */
  output(): string {
    return this.#processes.map((p) => `--- ${p.role} ${p.child.pid}\n${p.output().slice(-4000)}`).join("\n");
  }

  /** The errors the processes logged, each message with its count (pino JSON lines at level error or worse). */
  errors(): string[] {
    const counts = new Map<string, number>();
    const all = this.#pastOutput + this.#processes.map((p) => p.output()).join("\n");
    for (const line of all.split("\n")) {
      if (!line.startsWith("{")) continue;
      try {
        const entry = JSON.parse(line) as { level: number; msg: string; err?: { message?: string } };
        if (entry.level < 50) continue;
        const key = `${entry.msg}${entry.err?.message ? `: ${entry.err.message.slice(0, 200)}` : ""}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      } catch {}
    }
    return [...counts].map(([message, n]) => `${n}× ${message}`);
  }

  async stop(): Promise<void> {
    this.#sqlite?.close();
    await this.#pg?.end();
    await Promise.all(
      this.#processes.map(async (p) => {
        if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
        await p.exited;
      }),
    );
    this.#processes = [];
  }
}
