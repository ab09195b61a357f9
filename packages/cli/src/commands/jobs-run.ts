import type { Command } from "commander";
import { CliError } from "../cli-error.js";
import { addOutputOptions, type OutputFlags, outputFormat } from "../output/format.js";
import { printJson } from "../output/print.js";
import { runClientAction } from "../run-action.js";
import { oneLine, say } from "../terminal.js";

type Target = { hubUrl: string; accessToken?: string; namespace?: string };

interface RunOptions extends OutputFlags {
  env?: Record<string, string>;
  secrets?: Record<string, string>;
  timeout?: string;
  detach?: boolean;
}

function collectEnv(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const at = value.indexOf("=");
  if (at < 1) throw new CliError(`-e/-s take NAME=value, got "${value}"`);
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
}

/**
 * `hubhooks jobs run`: table follows the log as it comes; json prints the JobInfo (the final one, once the job
 * has ended, unless -d); quiet prints the job id at once and no log lines. Every format waits for the end without
 * -d and exits 1 when the job did not complete.
 */
export function registerJobsRun(jobs: Command, target: (command: Command) => Target): void {
  const client = () => import("@hubhooks/client");
  addOutputOptions(
    jobs
      .command("run <image> <command...>")
      .description("start a job: the image is recorded, the command runs on the server's runner (if it has one)")
      .option("-e, --env <NAME=value>", "environment variable (repeatable)", collectEnv)
      .option("-s, --secrets <NAME=value>", "secret environment variable, never shown back (repeatable)", collectEnv)
      .option("--timeout <seconds>", "time limit in seconds")
      .option("-d, --detach", "print the job id and return instead of following its logs"),
    "the job id",
  ).action(async (image: string, command: string[], options: RunOptions, cmd: Command) => {
    const format = outputFormat(options);
    const timeout = options.timeout === undefined ? undefined : Number(options.timeout);
    if (timeout !== undefined && !(Number.isInteger(timeout) && timeout > 0)) {
      throw new CliError(`--timeout must be a whole number of seconds, got "${options.timeout}"`);
    }
    await runClientAction(async () => {
      const api = await client();
      const job = await api.runJob({
        ...target(cmd),
        image,
        command,
        ...(options.env && { env: options.env }),
        ...(options.secrets && { secrets: options.secrets }),
        ...(timeout !== undefined && { timeoutSeconds: timeout }),
      });
      if (format === "quiet") say(oneLine(job.id));
      if (format === "table") {
        say(`Job started with ID: ${job.id}`);
        if (job.status.message) say(`${job.status.stage}: ${job.status.message}`);
      }
      if (options.detach) {
        if (format === "json") printJson(job);
        return;
      }
      const which = { ...target(cmd), namespace: job.owner.name, jobId: job.id };
      // Followed in every format: the log stream ends when the job does.
      for await (const line of api.fetchJobLogs({ ...which, follow: true })) if (format === "table") say(line);
      const done = await api.inspectJob(which);
      if (format === "json") printJson(done);
      if (format === "table") say(`Job ${done.status.stage}${done.status.message ? `: ${done.status.message}` : ""}`);
      if (done.status.stage !== "COMPLETED") process.exitCode = 1;
    });
  });
}
