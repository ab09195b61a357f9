import {
  JobInfoSchema,
  JobSpecBodySchema,
  ScheduledJobBodySchema,
  ScheduledJobInfoSchema,
  UpdateJobLabelsBodySchema,
} from "@hubhooks/schemas";
import { errorResponses, json, ref, schema } from "./helpers.js";

const errors = errorResponses([
  ["400", "Invalid request"],
  ["401", "Missing or invalid access token"],
  ["404", "Unknown namespace or job, or one that is not yours (or your org's)"],
]);
const string = { type: "string" };
const namespaceParam = { name: "namespace", in: "path", required: true, schema: string };
const jobParam = { name: "id", in: "path", required: true, schema: { ...string, pattern: "^[0-9a-f]{24}$" } };
const job = { description: "The job", content: json(ref("JobInfo")) };

export const jobSchemas = () => ({
  JobInfo: schema(JobInfoSchema, "output"),
  JobSpecBody: schema(JobSpecBodySchema, "input"),
  UpdateJobLabelsBody: schema(UpdateJobLabelsBodySchema, "input"),
  ScheduledJobInfo: schema(ScheduledJobInfoSchema, "output"),
  ScheduledJobBody: schema(ScheduledJobBodySchema, "input"),
});

const scheduled = { description: "The scheduled job", content: json(ref("ScheduledJobInfo")) };

/** Scheduled jobs as huggingface_hub's create/list/inspect/suspend/resume/delete_scheduled_job call them. */
export const scheduledJobPaths = () => ({
  "/api/scheduled-jobs/{namespace}": {
    parameters: [namespaceParam],
    post: {
      summary: "Create a scheduled job: cron (5 fields, or 6 with seconds) or @hourly, @daily…, in UTC",
      requestBody: { content: json(ref("ScheduledJobBody")) },
      responses: { "200": scheduled, ...errors },
    },
    get: {
      summary: "List scheduled jobs, newest first",
      responses: {
        "200": { description: "Scheduled jobs", content: json({ type: "array", items: ref("ScheduledJobInfo") }) },
        ...errors,
      },
    },
  },
  "/api/scheduled-jobs/{namespace}/{id}": {
    parameters: [namespaceParam, jobParam],
    get: { summary: "Inspect a scheduled job", responses: { "200": scheduled, ...errors } },
    delete: {
      summary: "Delete a scheduled job (its past runs stay)",
      responses: { "200": { description: "Deleted", content: json({ type: "object" }) }, ...errors },
    },
  },
  "/api/scheduled-jobs/{namespace}/{id}/suspend": {
    parameters: [namespaceParam, jobParam],
    post: { summary: "Suspend: no run until resumed", responses: { "200": scheduled, ...errors } },
  },
  "/api/scheduled-jobs/{namespace}/{id}/resume": {
    parameters: [namespaceParam, jobParam],
    post: { summary: "Resume: the next run is counted from now", responses: { "200": scheduled, ...errors } },
  },
  "/api/scheduled-jobs/{namespace}/{id}/run": {
    parameters: [namespaceParam, jobParam],
    post: {
      summary: "Start a run now",
      responses: {
        "200": job,
        ...errors,
        ...errorResponses([["409", "The last run is still going and the scheduled job does not allow concurrency"]]),
      },
    },
  },
});

/** The Jobs API as huggingface_hub's run_job, list_jobs, inspect_job, cancel_job and fetch_job_logs call it. */
export const jobPaths = () => ({
  "/api/jobs/{namespace}": {
    parameters: [namespaceParam],
    post: {
      summary:
        "Run a job (run_job). Without a runner on the server (`--jobs-runner local`), it is recorded as ERROR at once",
      requestBody: { content: json(ref("JobSpecBody")) },
      responses: {
        "200": job,
        ...errors,
        ...errorResponses([["422", "The namespace has all the scheduled or running jobs it may"]]),
      },
    },
    get: {
      summary: 'List jobs, newest first (list_jobs); `Link: <…>; rel="next"` points at the next page',
      parameters: [
        { name: "stage", in: "query", schema: { type: "array", items: string }, style: "form", explode: true },
        { name: "label", in: "query", schema: { type: "array", items: string }, description: "key=value" },
        { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 1000 } },
        { name: "cursor", in: "query", schema: string },
      ],
      responses: { "200": { description: "Jobs", content: json({ type: "array", items: ref("JobInfo") }) }, ...errors },
    },
  },
  "/api/jobs/{namespace}/{id}": {
    parameters: [namespaceParam, jobParam],
    get: { summary: "Inspect a job (inspect_job, wait_for_job)", responses: { "200": job, ...errors } },
  },
  "/api/jobs/{namespace}/{id}/cancel": {
    parameters: [namespaceParam, jobParam],
    post: {
      summary: "Cancel a job that has not ended; its processes are killed",
      responses: { "200": job, ...errors },
    },
  },
  "/api/jobs/{namespace}/{id}/labels": {
    parameters: [namespaceParam, jobParam],
    put: {
      summary: "Replace a job's labels (update_job_labels)",
      requestBody: { content: json(ref("UpdateJobLabelsBody")) },
      responses: { "200": job, ...errors },
    },
  },
  "/api/jobs/{namespace}/{id}/logs": {
    parameters: [
      namespaceParam,
      jobParam,
      { name: "tail", in: "query", schema: { type: "integer", minimum: 0 } },
      {
        name: "follow",
        in: "query",
        schema: { type: "boolean" },
        description: "hubhooks: false ends after the lines so far",
      },
    ],
    get: {
      summary:
        'The log as server-sent events (fetch_job_logs): one `data: {"data": line, "timestamp": iso}` per line, `: keep-alive` when idle; ends when the job has ended',
      responses: { "200": { description: "An event stream", content: { "text/event-stream": {} } }, ...errors },
    },
  },
});
