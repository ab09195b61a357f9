import type { Command } from "commander";
import { Option } from "commander";
import { CliError } from "../cli-error.js";
import { addHubOptions, credentials } from "../hub-options.js";
import { addOutputOptions, type OutputFlags, outputFormat } from "../output/format.js";
import { printJson, printLines, printResult } from "../output/print.js";
import { runClientAction } from "../run-action.js";
import { jobSummary, printJobList } from "./jobs-print.js";
import { registerJobsRun } from "./jobs-run.js";
import { registerScheduledJobs } from "./jobs-scheduled.js";

type JobInfo = import("@hubhooks/client").JobInfo;

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

  registerJobsRun(jobs, target);

  addOutputOptions(
    jobs
      .command("ps")
      .description("list jobs, newest first (running and scheduled only, unless --all)")
      .option("-a, --all", "every job, ended ones too"),
  ).action(async (options: OutputFlags & { all?: boolean }, cmd: Command) => {
    await runClientAction(async () => {
      const stages = options.all ? [] : (["RUNNING", "SCHEDULING"] as const);
      const list: JobInfo[] = [];
      for await (const job of (await client()).listJobs({ ...target(cmd), stages: [...stages] })) list.push(job);
      printJobList(list, outputFormat(options));
    });
  });

  addOutputOptions(jobs.command("inspect <id>").description("show one job"), "the job id").action(
    async (id: string, options: OutputFlags, cmd: Command) => {
      await runClientAction(async () => {
        const job = await (await client()).inspectJob({ ...target(cmd), jobId: id });
        printResult(options, { json: job, quiet: job.id, table: jobSummary(job) });
      });
    },
  );

  addOutputOptions(
    jobs
      .command("logs <id>")
      .description("print a job's log")
      .option("-f, --follow", "keep printing until the job ends")
      .option("--tail <n>", "only the last n lines"),
    "the log lines, as in table",
  ).action(async (id: string, options: OutputFlags & { follow?: boolean; tail?: string }, cmd: Command) => {
    const format = outputFormat(options);
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
      // JSON is one array, printed once the log has ended; text is printed line by line as it comes.
      const all: string[] = [];
      for await (const line of lines) {
        if (format === "json") all.push(line);
        else printLines([line]);
      }
      if (format === "json") printJson(all);
    });
  });

  registerScheduledJobs(jobs, target);

  addOutputOptions(
    jobs.command("cancel <id>").description("cancel a job that has not ended (its processes are killed)"),
    "the job id",
  ).action(async (id: string, options: OutputFlags, cmd: Command) => {
    await runClientAction(async () => {
      const job = await (await client()).cancelJob({ ...target(cmd), jobId: id });
      printResult(options, { json: job, quiet: job.id, table: `Job ${job.id}: ${job.status.stage}` });
    });
  });
}
