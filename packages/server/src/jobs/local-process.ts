import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { StoredJobSpec } from "../core/job-spec.js";
import { SUPERVISOR_SOURCE, type SupervisorReport } from "./job-supervisor.js";
import type { LogWriter } from "./log-writer.js";

const KILL_GRACE_MS = 5_000;

export interface ProcessOutcome {
  stage: "COMPLETED" | "ERROR";
  message: string | null;
}

/**
 * One job as a local process: the command and its arguments in a fresh working folder, with only the job's
 * environment (and PATH, HOME): never the server's own variables (database URL, tokens). It runs in its own
 * process group, led by a small supervisor (job-supervisor.ts), so a cancel or the time limit kills everything it
 * started, and so does this server's death.
 */
export class LocalProcess {
  readonly #child: ChildProcess;
  readonly done: Promise<ProcessOutcome>;
  #timedOut = false;
  #killed: string | undefined;
  #killTimer: NodeJS.Timeout | undefined;

  static async start(
    spec: StoredJobSpec,
    extraEnv: Record<string, string>,
    log: LogWriter,
    options: { workRoot: string | null; timeoutSeconds: number },
  ): Promise<LocalProcess> {
    const cwd = await mkdtemp(join(options.workRoot ?? tmpdir(), "hubhooks-job-"));
    return new LocalProcess(spec, extraEnv, log, cwd, options.timeoutSeconds);
  }

  private constructor(
    spec: StoredJobSpec,
    extraEnv: Record<string, string>,
    log: LogWriter,
    cwd: string,
    timeoutSeconds: number,
  ) {
    const [file, ...args] = [...spec.command, ...spec.arguments] as [string, ...string[]];
    const env = {
      PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
      HOME: cwd,
      ...spec.environment,
      ...spec.secrets,
      ...extraEnv,
    };
    // The supervisor leads the group and kills it if this process dies without ending the job (kill -9).
    this.#child = spawn(process.execPath, ["-e", SUPERVISOR_SOURCE], {
      cwd,
      env: {},
      detached: true,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    let report: SupervisorReport | undefined;
    this.#child.on("message", (message: SupervisorReport) => {
      report = message;
    });
    this.#child.send({ file, args, env, cwd }, (error) => {
      if (error) this.#signalGroup("SIGKILL");
    });
    for (const output of [this.#child.stdout, this.#child.stderr]) {
      if (output)
        createInterface({ input: output, crlfDelay: Number.POSITIVE_INFINITY }).on("line", (line) => log.add(line));
    }
    const timer = setTimeout(() => {
      this.#timedOut = true;
      this.kill("timeout");
    }, timeoutSeconds * 1000);
    // The command ended but something it started may hold its output open: that goes with it, shortly after.
    this.#child.once("exit", () => setTimeout(() => this.#signalGroup("SIGKILL"), 2_000).unref());
    this.done = new Promise<ProcessOutcome>((resolve) => {
      this.#child.once("error", (error) => {
        resolve({ stage: "ERROR", message: `could not start the command: ${error.message}` });
      });
      this.#child.once("close", (supervisorCode, supervisorSignal) => {
        // The command's own end as the supervisor saw it; the supervisor's when it could not say (SIGKILLed).
        const ended = report && "exit" in report ? report.exit : { code: supervisorCode, signal: supervisorSignal };
        const { code, signal } = ended;
        if (report && "error" in report)
          resolve({ stage: "ERROR", message: `could not start the command: ${report.error}` });
        else if (this.#timedOut) resolve({ stage: "ERROR", message: `Job timed out after ${timeoutSeconds} s` });
        else if (code === 0) resolve({ stage: "COMPLETED", message: null });
        else if (code !== null) resolve({ stage: "ERROR", message: `the command exited with code ${code}` });
        else resolve({ stage: "ERROR", message: `the command was killed by ${signal}` });
      });
    }).finally(() => {
      clearTimeout(timer);
      if (this.#killTimer) clearTimeout(this.#killTimer);
      // Whatever the command left behind in its group goes with it.
      this.#signalGroup("SIGKILL");
      void rm(cwd, { recursive: true, force: true }).catch(() => {});
    });
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** SIGTERM to the whole group, SIGKILL a few seconds later if anything is still there. */
  kill(reason: string): void {
    if (this.#killed) return;
    this.#killed = reason;
    this.#signalGroup("SIGTERM");
    this.#killTimer = setTimeout(() => this.#signalGroup("SIGKILL"), KILL_GRACE_MS);
    this.#killTimer.unref();
  }

  #signalGroup(signal: NodeJS.Signals): void {
    const pid = this.#child.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // The group is gone already.
    }
  }
}
