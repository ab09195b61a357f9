import type { Command } from "commander";
import { Option } from "commander";
import { formatTable } from "../output/table.js";
import { runClientAction } from "../run-action.js";
import { say } from "../terminal.js";

type ScheduledJobInfo = import("@hubhooks/client").ScheduledJobInfo;
type Target = { hubUrl: string; accessToken?: string; namespace?: string };

function printScheduled(list: ScheduledJobInfo[], format: string): void {
  if (format === "json") return void process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
  const rows = list.map((one) => [
    one.id,
    one.schedule,
    one.jobSpec.dockerImage ?? one.jobSpec.spaceId ?? "",
    [...one.jobSpec.command, ...one.jobSpec.arguments].join(" "),
    one.suspend ? "suspended" : (one.status.nextJobRunAt ?? "").replace("T", " ").slice(0, 19),
    one.status.lastJob?.id ?? "",
  ]);
  say(formatTable([["ID", "SCHEDULE", "IMAGE/SPACE", "COMMAND", "NEXT RUN", "LAST JOB"], ...rows], [2, 3]));
}

/** `hubhooks jobs scheduled …`, shaped like `hf jobs scheduled`. */
export function registerScheduledJobs(jobs: Command, target: (command: Command) => Target): void {
  const scheduled = jobs.command("scheduled").description("jobs that run on a schedule (cron or @hourly, @daily…)");
  const client = () => import("@hubhooks/client");

  scheduled
    .command("run <schedule> <image> <command...>")
    .description('create a scheduled job, e.g. "0 9 * * 1" or @hourly (UTC)')
    .option("--suspend", "create it suspended")
    .option("--concurrency", "let a run start while the last one still runs")
    .action(async (schedule: string, image: string, command: string[], options, cmd: Command) => {
      await runClientAction(async () => {
        const created = await (await client()).createScheduledJob({
          ...target(cmd),
          schedule,
          image,
          command,
          ...(options.suspend && { suspend: true }),
          ...(options.concurrency && { concurrency: true }),
        });
        say(`Scheduled job created with ID: ${created.id} (next run ${created.status.nextJobRunAt ?? "none"})`);
      });
    });

  scheduled
    .command("ps")
    .description("list scheduled jobs")
    .addOption(new Option("--format <format>", "output format").choices(["table", "json"]).default("table"))
    .action(async (options: { format: string }, cmd: Command) => {
      await runClientAction(async () =>
        printScheduled(await (await client()).listScheduledJobs(target(cmd)), options.format),
      );
    });

  scheduled
    .command("inspect <id>")
    .description("show one scheduled job (JSON)")
    .action(async (id: string, _options, cmd: Command) => {
      await runClientAction(async () => {
        const one = await (await client()).inspectScheduledJob({ ...target(cmd), scheduledJobId: id });
        process.stdout.write(`${JSON.stringify(one, null, 2)}\n`);
      });
    });

  for (const [name, done, description] of [
    ["suspend", "suspended", "stop running it until resumed"],
    ["resume", "resumed", "run it again on its schedule"],
    ["delete", "deleted", "delete it (its past runs stay)"],
  ] as const) {
    scheduled
      .command(`${name} <id>`)
      .description(description)
      .action(async (id: string, _options, cmd: Command) => {
        await runClientAction(async () => {
          const api = await client();
          const params = { ...target(cmd), scheduledJobId: id };
          if (name === "suspend") await api.suspendScheduledJob(params);
          else if (name === "resume") await api.resumeScheduledJob(params);
          else await api.deleteScheduledJob(params);
          say(`Scheduled job ${id}: ${done}`);
        });
      });
  }
}
