import type { Command } from "commander";
import { Option } from "commander";
import { CliError } from "../cli-error.js";
import { addHubOptions, credentials } from "../hub-options.js";
import { formatTable } from "../output/table.js";
import { runClientAction } from "../run-action.js";
import { say } from "../terminal.js";
import { registerScheduledJobs } from "./jobs-scheduled.js";

type JobInfo = import("@hubhooks/client").JobInfo;

function collectEnv(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const at = value.indexOf("=");
  if (at < 1) throw new CliError(`-e/-s take NAME=value, got "${value}"`);
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
}

function printJobs(jobs: JobInfo[], format: string): void {
  if (format === "json") return void process.stdout.write(`${JSON.stringify(jobs, null, 2)}\n`);
  if (format === "quiet") return void process.stdout.write(jobs.map((job) => `${job.id}\n`).join(""));
  const rows = jobs.map((job) => [
    job.id,
    job.dockerImage ?? job.spaceId ?? "",
    [...job.command, ...job.arguments].join(" "),
    job.createdAt.replace("T", " ").slice(0, 19),
    job.status.stage,
  ]);
  say(formatTable([["JOB ID", "IMAGE/SPACE", "COMMAND", "CREATED", "STATUS"], ...rows], [1, 2]));
}

/** `hubhooks jobs …`: run, list, inspect, follow and cancel Jobs, shaped like `hf jobs`. */
export function registerJobs(program: Command): void {
  const jobs = addHubOptions(
    program.command("jobs").description("run and watch Jobs on a hubhooks server (or huggingface.co)"),
  ).addOption(new Option("--namespace <name>", "user or org the jobs belong to (default: the token's user)"));
  const client = () => import("@hubhooks/client");
  const target = (command: Command) => {
    const { namespace } = command.optsWithGlobals<{ namespace?: string }>();
    return { ...credentials(command), ...(namespace && { namespace }) };
  };

  jobs
    .command("run <image> <command...>")
    .description("start a job: the image is recorded, the command runs on the server's runner (if it has one)")
    .option("-e, --env <NAME=value>", "environment variable (repeatable)", collectEnv)
    .option("-s, --secrets <NAME=value>", "secret environment variable, never shown back (repeatable)", collectEnv)
    .option("--timeout <seconds>", "time limit in seconds")
    .option("-d, --detach", "print the job id and return instead of following its logs")
    .action(async (image: string, command: string[], options, cmd: Command) => {
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
        say(`Job started with ID: ${job.id}`);
        if (job.status.message) say(`${job.status.stage}: ${job.status.message}`);
        if (options.detach) return;
        for await (const line of api.fetchJobLogs({ ...target(cmd), namespace: job.owner.name, jobId: job.id })) {
          say(line);
        }
        const done = await api.inspectJob({ ...target(cmd), namespace: job.owner.name, jobId: job.id });
        say(`Job ${done.status.stage}${done.status.message ? `: ${done.status.message}` : ""}`);
        if (done.status.stage !== "COMPLETED") process.exitCode = 1;
      });
    });

  jobs
    .command("ps")
    .description("list jobs, newest first (running and scheduled only, unless --all)")
    .option("-a, --all", "every job, ended ones too")
    .addOption(new Option("--format <format>", "output format").choices(["table", "json", "quiet"]).default("table"))
    .action(async (options: { all?: boolean; format: string }, cmd: Command) => {
      await runClientAction(async () => {
        const stages = options.all ? [] : (["RUNNING", "SCHEDULING"] as const);
        const list: JobInfo[] = [];
        for await (const job of (await client()).listJobs({ ...target(cmd), stages: [...stages] })) list.push(job);
        printJobs(list, options.format);
      });
    });

  jobs
    .command("inspect <id>")
    .description("show one job (JSON)")
    .action(async (id: string, _options, cmd: Command) => {
      await runClientAction(async () => {
        const job = await (await client()).inspectJob({ ...target(cmd), jobId: id });
        process.stdout.write(`${JSON.stringify(job, null, 2)}\n`);
      });
    });

  jobs
    .command("logs <id>")
    .description("print a job's log")
    .option("-f, --follow", "keep printing until the job ends")
    .option("--tail <n>", "only the last n lines")
    .action(async (id: string, options: { follow?: boolean; tail?: string }, cmd: Command) => {
      const tail = options.tail === undefined ? undefined : Number(options.tail);
      if (tail !== undefined && !(Number.isInteger(tail) && tail >= 0)) {
        throw new CliError(`--tail must be a whole number, got "${options.tail}"`);
      }
      await runClientAction(async () => {
        const lines = (await client()).fetchJobLogs({
          ...target(cmd),
          jobId: id,
          follow: options.follow ?? false,
          ...(tail !== undefined && { tail }),
        });
        for await (const line of lines) say(line);
      });
    });

  registerScheduledJobs(jobs, target);

  jobs
    .command("cancel <id>")
    .description("cancel a job that has not ended (its processes are killed)")
    .action(async (id: string, _options, cmd: Command) => {
      await runClientAction(async () => {
        const job = await (await client()).cancelJob({ ...target(cmd), jobId: id });
        say(`Job ${job.id}: ${job.status.stage}`);
      });
    });
}
