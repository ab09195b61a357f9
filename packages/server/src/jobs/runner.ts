import { randomUUID } from "node:crypto";
import type { ServerDeps } from "../core/deps.js";
import { parseStoredSpec } from "../core/job-spec.js";
import type { JobRow } from "../store/schema.js";
import { LocalProcess } from "./local-process.js";
import { LogWriter } from "./log-writer.js";
import { claimScheduled, endOrphanedJobs, finishRun, heartbeat, pruneEndedJobs } from "./runner-store.js";
import { Scheduler } from "./scheduler.js";

const HEARTBEAT_MS = 1_000;
const PRUNE_INTERVAL_MS = 60 * 60_000;
const STOPPED_MESSAGE = "The server stopped while the job ran; the job was killed";

/**
 * Runs scheduled jobs as local processes of this machine, at most `maxConcurrent` at once: claims them (one
 * runner per job across processes), streams their output into size-capped logs, enforces their time limit,
 * kills them when canceled, and ends jobs whose runner died. Only built where the operator enabled the runner.
 */
export class JobRunner {
  readonly #deps: ServerDeps;
  readonly #token = randomUUID();
  readonly #running = new Map<string, LocalProcess | undefined>();
  /** Scheduled jobs fire where jobs run: each due time once, whichever runner takes it. */
  readonly scheduler: Scheduler;
  #timers: NodeJS.Timeout[] = [];
  #unsubscribe: (() => void) | undefined;
  #stopped = true;
  #claiming = false;
  #again = false;

  constructor(deps: ServerDeps) {
    this.#deps = deps;
    this.scheduler = new Scheduler(deps);
  }

  get running(): number {
    return this.#running.size;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#unsubscribe = this.#deps.notifier.subscribe(() => this.wake());
    this.#timers.push(setInterval(() => this.wake(), Math.max(this.#deps.config.pollIntervalMs, 200)));
    this.#timers.push(setInterval(() => void this.#beat(), HEARTBEAT_MS));
    this.#timers.push(setInterval(() => void this.prune(), PRUNE_INTERVAL_MS));
    void this.prune();
    this.scheduler.start();
    this.wake();
  }

  /** Kills what still runs and ends those jobs as ERROR: a stopped server runs nothing. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.scheduler.stop();
    this.#unsubscribe?.();
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers = [];
    const ids = [...this.#running.keys()];
    for (const child of this.#running.values()) child?.kill("server stopping");
    for (const id of ids) {
      await finishRun(this.#deps.db, this.#token, id, { stage: "ERROR", message: STOPPED_MESSAGE }).catch(() => {});
    }
  }

  wake(): void {
    if (this.#stopped) return;
    if (this.#claiming) {
      this.#again = true;
      return;
    }
    void this.#claim();
  }

  async #claim(): Promise<void> {
    this.#claiming = true;
    try {
      do {
        this.#again = false;
        const room = this.#deps.config.jobs.maxConcurrent - this.#running.size;
        if (room <= 0 || this.#stopped) break;
        const jobs = await claimScheduled(this.#deps.db, this.#token, room);
        for (const job of jobs) void this.#run(job);
        if (jobs.length === room) this.#again = true;
      } while (this.#again && !this.#stopped);
      // A cancel wakes everyone: see it now rather than at the next heartbeat.
      await this.#killCanceled();
    } catch (error) {
      this.#deps.logger.error({ err: error }, "job runner could not claim jobs");
    } finally {
      this.#claiming = false;
    }
  }

  async #run(job: JobRow): Promise<void> {
    const { db, config, logger } = this.#deps;
    this.#running.set(job.id, undefined);
    const log = new LogWriter(db, job.id, config.jobs.maxLogBytes, (error) =>
      logger.error({ err: error, job: job.id }, "could not write a job's log"),
    );
    let outcome: { stage: string; message: string | null };
    try {
      const spec = parseStoredSpec(job.spec);
      log.add(`===== Job started at ${new Date().toISOString()} =====`);
      log.add(
        `[hubhooks] ${spec.dockerImage ? `image ${spec.dockerImage}` : `Space ${spec.spaceId}`} is recorded, not pulled: the command runs as a local process of this machine`,
      );
      const timeoutSeconds = spec.timeoutSeconds ?? config.jobs.defaultTimeoutSeconds;
      const child = await LocalProcess.start(spec, {}, log, { workRoot: config.jobs.workRoot, timeoutSeconds });
      this.#running.set(job.id, child);
      logger.info({ job: job.id, pid: child.pid }, "job started");
      outcome = await child.done;
    } catch (error) {
      outcome = { stage: "ERROR", message: `could not start the job: ${(error as Error).message}` };
    }
    await log.flush();
    await finishRun(db, this.#token, job.id, outcome).catch((error: unknown) =>
      logger.error({ err: error, job: job.id }, "could not record a job's end"),
    );
    logger.info({ job: job.id, stage: outcome.stage }, "job ended");
    this.#running.delete(job.id);
    this.wake();
  }

  /** Jobs kept as long as deliveries (`retentionMs`), except the ones job webhooks clone. */
  async prune(): Promise<void> {
    try {
      const removed = await pruneEndedJobs(this.#deps.db, Date.now() - this.#deps.config.retentionMs);
      if (removed > 0) this.#deps.logger.info({ removed }, "pruned old jobs");
    } catch (error) {
      this.#deps.logger.error({ err: error }, "could not prune old jobs");
    }
  }

  async #killCanceled(): Promise<void> {
    const ended = await heartbeat(this.#deps.db, this.#token, [...this.#running.keys()]);
    for (const id of ended) this.#running.get(id)?.kill("canceled");
  }

  async #beat(): Promise<void> {
    try {
      await this.#killCanceled();
      const ended = await endOrphanedJobs(this.#deps.db, {
        staleAfterMs: this.#deps.config.jobs.staleAfterMs,
        exceptToken: this.#token,
      });
      if (ended > 0) this.#deps.logger.warn({ ended }, "ended jobs whose runner stopped");
    } catch (error) {
      this.#deps.logger.error({ err: error }, "job runner heartbeat failed");
    }
  }
}
