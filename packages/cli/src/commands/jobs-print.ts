import type { OutputFormat } from "../output/format.js";
import { printJson, printLines } from "../output/print.js";
import { formatTable } from "../output/table.js";
import { oneLine, say } from "../terminal.js";

type JobInfo = import("@hubhooks/client").JobInfo;
type ScheduledJobInfo = import("@hubhooks/client").ScheduledJobInfo;
type Spec = Pick<JobInfo, "dockerImage" | "spaceId" | "command" | "arguments">;

const imageOf = (spec: Spec) => spec.dockerImage ?? spec.spaceId ?? "";
const commandOf = (spec: Spec) => [...spec.command, ...spec.arguments].join(" ");
const when = (iso: string | null | undefined) => (iso ?? "").replace("T", " ").slice(0, 19);
const pairs = (record: Record<string, string> | null | undefined) =>
  Object.entries(record ?? {})
    .map(([name, value]) => `${name}=${value}`)
    .join(", ");
const secretNames = (secrets: JobInfo["secrets"]) => (Array.isArray(secrets) ? secrets : Object.keys(secrets));

/** `key: value` lines, the human form of one object (like `hubhooks webhooks info`). */
function keyValues(lines: Array<[string, string]>): string {
  const width = Math.max(...lines.map(([key]) => key.length)) + 2;
  return lines.map(([key, value]) => `${key}:`.padEnd(width) + oneLine(value)).join("\n");
}

export function jobSummary(job: JobInfo): string {
  const { stage, message } = job.status;
  return keyValues([
    ["id", job.id],
    ["image", imageOf(job)],
    ["command", commandOf(job)],
    ["status", message ? `${stage}: ${message}` : stage],
    ["owner", job.owner.name],
    ["created", when(job.createdAt)],
    ["started", when(job.startedAt) || "-"],
    ["finished", when(job.finishedAt) || "-"],
    ["flavor", job.flavor],
    ["timeout", job.timeoutSeconds ? `${job.timeoutSeconds} s` : "-"],
    ["env", pairs(job.environment) || "-"],
    // Names only: the server never returns secret values.
    ["secrets", secretNames(job.secrets).join(", ") || "-"],
    ["labels", pairs(job.labels) || "-"],
  ]);
}

export function scheduledSummary(one: ScheduledJobInfo): string {
  return keyValues([
    ["id", one.id],
    ["schedule", one.schedule],
    ["image", imageOf(one.jobSpec)],
    ["command", commandOf(one.jobSpec)],
    ["suspended", String(one.suspend)],
    ["concurrency", String(one.concurrency)],
    ["next run", when(one.status.nextJobRunAt) || "-"],
    ["last job", one.status.lastJob ? `${one.status.lastJob.id} at ${when(one.status.lastJob.at)}` : "-"],
    ["owner", one.owner.name],
    ["created", when(one.createdAt)],
  ]);
}

export function printJobList(jobs: JobInfo[], format: OutputFormat): void {
  if (format === "json") {
    printJson(jobs);
    return;
  }
  if (format === "quiet") {
    printLines(jobs.map((job) => job.id));
    return;
  }
  const rows = jobs.map((job) => [job.id, imageOf(job), commandOf(job), when(job.createdAt), job.status.stage]);
  say(formatTable([["JOB ID", "IMAGE/SPACE", "COMMAND", "CREATED", "STATUS"], ...rows], [1, 2]));
}

export function printScheduledList(list: ScheduledJobInfo[], format: OutputFormat): void {
  if (format === "json") {
    printJson(list);
    return;
  }
  if (format === "quiet") {
    printLines(list.map((one) => one.id));
    return;
  }
  const rows = list.map((one) => [
    one.id,
    one.schedule,
    imageOf(one.jobSpec),
    commandOf(one.jobSpec),
    one.suspend ? "suspended" : when(one.status.nextJobRunAt),
    one.status.lastJob?.id ?? "",
  ]);
  say(formatTable([["ID", "SCHEDULE", "IMAGE/SPACE", "COMMAND", "NEXT RUN", "LAST JOB"], ...rows], [2, 3]));
}
