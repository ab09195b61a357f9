import { type Command, Option } from "commander";
import { CliError } from "./cli-error.js";
import { parseWhole, settingOf } from "./service-options.js";

/** `serve` and `worker`: whether this process runs jobs' commands, and its bounds. Off unless asked for. */
export function addJobsOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        "--jobs-runner <runner>",
        'run jobs (/api/jobs, webhooks that start a Job): "local" runs their commands as processes of this machine; "none" (default) runs nothing and jobs fail at once',
      ).env("HUBHOOKS_JOBS_RUNNER"),
    )
    .addOption(
      new Option("--max-jobs <n>", "jobs running at once in this process (default 4)").env("HUBHOOKS_MAX_JOBS"),
    )
    .addOption(
      new Option(
        "--max-jobs-per-account <n>",
        "jobs one user or org may have scheduled or running, 0 for no cap (default 10)",
      ).env("HUBHOOKS_MAX_JOBS_PER_ACCOUNT"),
    );
}

export interface JobsSettings {
  runner: "none" | "local";
  maxConcurrent?: number;
  maxActivePerAccount?: number;
}

export function jobsSettings(
  command: Command,
  raw: { jobsRunner?: string; maxJobs?: string; maxJobsPerAccount?: string },
): JobsSettings {
  const runner = raw.jobsRunner ?? "none";
  if (runner !== "none" && runner !== "local") {
    const { flag } = settingOf(command, "jobsRunner", "HUBHOOKS_JOBS_RUNNER");
    throw new CliError(`${flag} must be "none" or "local", got "${runner}"`);
  }
  const settings: JobsSettings = { runner };
  if (raw.maxJobs !== undefined) {
    settings.maxConcurrent = parseWhole(raw.maxJobs, settingOf(command, "maxJobs", "HUBHOOKS_MAX_JOBS"), "", 1, 1_000);
  }
  if (raw.maxJobsPerAccount !== undefined) {
    const setting = settingOf(command, "maxJobsPerAccount", "HUBHOOKS_MAX_JOBS_PER_ACCOUNT");
    settings.maxActivePerAccount = parseWhole(raw.maxJobsPerAccount, setting, "", 0, 1_000_000);
  }
  return settings;
}
