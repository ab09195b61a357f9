import {
  JobHardwareInfoSchema,
  JobInfoSchema,
  JobSpecBodySchema,
  ScheduledJobBodySchema,
  ScheduledJobInfoSchema,
  UpdateJobLabelsBodySchema,
} from "@hubhooks/schemas";
import { z } from "zod";
import type { RouteDoc } from "../core/route-doc.js";

const JOBS = "/api/jobs/:namespace";
const SCHEDULED = "/api/scheduled-jobs/:namespace";
const namespace = { namespace: { description: "Your user name, or an org of yours" } };
const withId = { ...namespace, id: { schema: z.string().regex(/^[0-9a-f]{24}$/), description: "The job's id" } };
const notFound = { 404: "Unknown namespace or job, or one that is not yours (or your org's)" };
const job = { description: "The job", schema: JobInfoSchema };
const scheduled = { description: "The scheduled job", schema: ScheduledJobInfoSchema };

/** Jobs and scheduled jobs as huggingface_hub's run_job … and *_scheduled_job call them (jobs/*routes.ts). */
export const jobDocs: RouteDoc[] = [
  {
    method: "post",
    path: JOBS,
    params: namespace,
    auth: "token",
    summary: "Run a job (run_job, run_uv_job); it fails at once, saying so, where no runner is enabled",
    body: JobSpecBodySchema,
    ok: job,
    errors: { ...notFound, 422: "Too many scheduled or running jobs for this namespace" },
  },
  {
    method: "get",
    path: JOBS,
    params: namespace,
    auth: "token",
    summary: 'List jobs, newest first (list_jobs); `Link: <…>; rel="next"` points at the next page',
    query: {
      stage: { schema: z.string(), description: "SCHEDULING, RUNNING, COMPLETED, ERROR, CANCELED (repeatable)" },
      label: { schema: z.string(), description: "key=value (repeatable)" },
      limit: { schema: z.number().int().min(1).max(1000) },
      cursor: { schema: z.string() },
    },
    ok: { description: "The jobs", schema: z.array(JobInfoSchema) },
    errors: notFound,
  },
  {
    method: "get",
    path: `${JOBS}/:id`,
    params: withId,
    auth: "token",
    summary: "Inspect a job (inspect_job, wait_for_job)",
    ok: job,
    errors: notFound,
  },
  {
    method: "post",
    path: `${JOBS}/:id/cancel`,
    params: withId,
    auth: "token",
    summary: "Cancel a job that has not ended; its processes are killed",
    ok: job,
    errors: notFound,
  },
  {
    method: "put",
    path: `${JOBS}/:id/labels`,
    params: withId,
    auth: "token",
    summary: "Replace a job's labels (update_job_labels)",
    body: UpdateJobLabelsBodySchema,
    ok: job,
    errors: notFound,
  },
  {
    method: "get",
    path: `${JOBS}/:id/logs`,
    params: withId,
    auth: "token",
    summary:
      'A job\'s output as server-sent events, one `data: {"data": line, "timestamp": …}` a line (fetch_job_logs)',
    query: {
      tail: { schema: z.number().int().min(0), description: "Only the last N lines so far" },
      follow: { schema: z.enum(["true", "false"]), description: "false: end after the lines so far" },
    },
    ok: { description: "The stream; it ends when the job ends", contentType: "text/event-stream" },
    errors: notFound,
  },
  {
    method: "post",
    path: SCHEDULED,
    params: namespace,
    auth: "token",
    summary: "Create a scheduled job: cron (5 fields, or 6 with seconds) or @hourly, @daily…, in UTC",
    body: ScheduledJobBodySchema,
    ok: scheduled,
    errors: notFound,
  },
  {
    method: "get",
    path: SCHEDULED,
    params: namespace,
    auth: "token",
    summary: "List scheduled jobs, newest first",
    ok: { description: "The scheduled jobs", schema: z.array(ScheduledJobInfoSchema) },
    errors: notFound,
  },
  ...(["get", "delete"] as const).map(
    (method): RouteDoc => ({
      method,
      path: `${SCHEDULED}/:id`,
      params: withId,
      auth: "token",
      summary: method === "get" ? "Inspect a scheduled job" : "Delete a scheduled job (its past runs stay)",
      ok: method === "get" ? scheduled : { description: "Deleted", schema: z.object({}) },
      errors: notFound,
    }),
  ),
  ...(["suspend", "resume"] as const).map(
    (action): RouteDoc => ({
      method: "post",
      path: `${SCHEDULED}/:id/${action}`,
      params: withId,
      auth: "token",
      summary: action === "suspend" ? "Suspend: no run until resumed" : "Resume: the next run is counted from now",
      ok: scheduled,
      errors: notFound,
    }),
  ),
  {
    method: "put",
    path: `${SCHEDULED}/:id/labels`,
    params: withId,
    auth: "token",
    summary: "Replace a scheduled job's labels, those of the runs it starts from now on (update_scheduled_job_labels)",
    body: UpdateJobLabelsBodySchema,
    ok: scheduled,
    errors: notFound,
  },
  {
    method: "get",
    path: "/api/jobs/hardware",
    auth: "none",
    summary:
      "The flavors a job may name (list_jobs_hardware): each is recorded, not provisioned, so each lists the runner machine's CPUs and memory, no accelerator and no cost",
    ok: { description: "The flavors", schema: z.array(JobHardwareInfoSchema) },
  },
  {
    method: "post",
    path: `${SCHEDULED}/:id/run`,
    params: withId,
    auth: "token",
    summary: "Start a run now",
    ok: job,
    errors: { ...notFound, 409: "The last run is still going and the schedule does not allow another at once" },
  },
];
