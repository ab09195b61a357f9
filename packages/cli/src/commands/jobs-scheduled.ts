import type { Command } from "commander";
import { addOutputOptions, type OutputFlags, outputFormat } from "../output/format.js";
import { printResult } from "../output/print.js";
import { runClientAction } from "../run-action.js";
import { printScheduledList, scheduledSummary } from "./jobs-print.js";

type Target = { hubUrl: string; accessToken?: string; namespace?: string };

/** `hubhooks jobs scheduled …`, shaped like `hf jobs scheduled`. */
export function registerScheduledJobs(jobs: Command, target: (command: Command) => Target): void {
  const scheduled = jobs.command("scheduled").description("jobs that run on a schedule (cron or @hourly, @daily…)");
  const client = () => import("@hubhooks/client");

  addOutputOptions(
    scheduled
      .command("run <schedule> <image> <command...>")
      .description('create a scheduled job, e.g. "0 9 * * 1" or @hourly (UTC)')
      .option("--suspend", "create it suspended")
      .option("--concurrency", "let a run start while the last one still runs"),
    "the scheduled job's id",
  ).action(
    async (
      schedule: string,
      image: string,
      command: string[],
      options: OutputFlags & { suspend?: boolean; concurrency?: boolean },
      cmd: Command,
    ) => {
      await runClientAction(async () => {
        const created = await (await client()).createScheduledJob({
          ...target(cmd),
          schedule,
          image,
          command,
          ...(options.suspend && { suspend: true }),
          ...(options.concurrency && { concurrency: true }),
        });
        const next = created.status.nextJobRunAt ?? "none";
        printResult(options, {
          json: created,
          quiet: created.id,
          table: `Scheduled job created with ID: ${created.id} (next run ${next})`,
        });
      });
    },
  );

  addOutputOptions(scheduled.command("ps").description("list scheduled jobs")).action(
    async (options: OutputFlags, cmd: Command) => {
      await runClientAction(async () =>
        printScheduledList(await (await client()).listScheduledJobs(target(cmd)), outputFormat(options)),
      );
    },
  );

  addOutputOptions(scheduled.command("inspect <id>").description("show one scheduled job"), "its id").action(
    async (id: string, options: OutputFlags, cmd: Command) => {
      await runClientAction(async () => {
        const one = await (await client()).inspectScheduledJob({ ...target(cmd), scheduledJobId: id });
        printResult(options, { json: one, quiet: one.id, table: scheduledSummary(one) });
      });
    },
  );

  for (const [name, done, description] of [
    ["suspend", "suspended", "stop running it until resumed"],
    ["resume", "resumed", "run it again on its schedule"],
    ["delete", "deleted", "delete it (its past runs stay)"],
  ] as const) {
    addOutputOptions(scheduled.command(`${name} <id>`).description(description), "its id").action(
      async (id: string, options: OutputFlags, cmd: Command) => {
        await runClientAction(async () => {
          const api = await client();
          const params = { ...target(cmd), scheduledJobId: id };
          let json: unknown;
          if (name === "suspend") json = await api.suspendScheduledJob(params);
          else if (name === "resume") json = await api.resumeScheduledJob(params);
          else {
            await api.deleteScheduledJob(params);
            // Delete answers with nothing to show: its JSON says what was deleted, like `webhooks delete`.
            json = { deleted: id };
          }
          printResult(options, { json, quiet: id, table: `Scheduled job ${id}: ${done}` });
        });
      },
    );
  }
}
