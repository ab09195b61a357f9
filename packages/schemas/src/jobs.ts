import { z } from "zod";

/** Job ids look like the Hub's: 24 lowercase hex characters (a MongoDB ObjectId). */
export const JOB_ID_PATTERN = /^[0-9a-f]{24}$/;
export const JOB_STAGES = ["SCHEDULING", "RUNNING", "COMPLETED", "ERROR", "CANCELED", "DELETED"] as const;
export type JobStage = (typeof JOB_STAGES)[number];
export const TERMINAL_JOB_STAGES: readonly JobStage[] = ["COMPLETED", "ERROR", "CANCELED", "DELETED"];

const MAX_ARGS = 256;
const MAX_ARG_LENGTH = 16 * 1024;
const MAX_ENV_ENTRIES = 256;
/** A day, the longest a local job may run. */
export const MAX_JOB_TIMEOUT_SECONDS = 24 * 60 * 60;

const Arg = z
  .string({ error: "must be an array of strings" })
  .max(MAX_ARG_LENGTH, `each item must be at most ${MAX_ARG_LENGTH} characters`);
const ArgList = z.array(Arg, { error: "must be an array of strings" }).max(MAX_ARGS, `at most ${MAX_ARGS} items`);
// Environment names as a shell accepts them; values are strings (huggingface_hub sends str → str).
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
const EnvMap = z
  .record(z.string(), z.string({ error: "values must be strings" }).max(MAX_ARG_LENGTH), {
    error: "must be an object of strings",
  })
  .refine((value) => Object.keys(value).every((name) => ENV_NAME.test(name)), "names must be letters, digits and _")
  .refine((value) => Object.keys(value).length <= MAX_ENV_ENTRIES, `at most ${MAX_ENV_ENTRIES} entries`);
// The Hub's rule for labels: at most 100 characters of letters, digits, dots, dashes and underscores.
const LABEL_PART = /^[A-Za-z0-9._-]{1,100}$/;
export const JobLabelsSchema = z
  .record(z.string(), z.string(), { error: "labels must be an object of strings" })
  .refine(
    (value) => Object.entries(value).every(([key, text]) => LABEL_PART.test(key) && LABEL_PART.test(text)),
    "labels: keys and values must be 1-100 of A-Z a-z 0-9 . - _",
  )
  .refine((value) => Object.keys(value).length <= 50, "at most 50 labels");

/**
 * The body of `run_job` / `run_uv_job` (huggingface_hub `_create_job_spec`). Keys this server does not use
 * (`volumes`, `expose`, `ssh`, `resourceGroupId`) are accepted and dropped.
 */
export const JobSpecBodySchema = z
  .object(
    {
      command: z
        .array(Arg, { error: "command: must be a non-empty array of strings" })
        .min(1, "command: must be a non-empty array of strings")
        .max(MAX_ARGS, `command: at most ${MAX_ARGS} items`),
      arguments: ArgList.nullish().transform((value) => value ?? []),
      environment: EnvMap.nullish().transform((value) => value ?? {}),
      secrets: EnvMap.nullish().transform((value) => value ?? {}),
      flavor: z
        .string()
        .regex(/^[a-z0-9-]{1,50}$/, "flavor: must be a hardware flavor name such as cpu-basic")
        .nullish()
        .transform((value) => value ?? "cpu-basic"),
      dockerImage: z.string().min(1).max(512).nullish(),
      spaceId: z.string().min(1).max(200).nullish(),
      timeoutSeconds: z
        .number({ error: "timeoutSeconds: must be a number" })
        .int("timeoutSeconds: must be a whole number")
        .min(1, "timeoutSeconds: must be at least 1")
        .max(MAX_JOB_TIMEOUT_SECONDS, `timeoutSeconds: must be at most ${MAX_JOB_TIMEOUT_SECONDS}`)
        .nullish(),
      labels: JobLabelsSchema.nullish(),
    },
    { error: "body must be a JSON object" },
  )
  .refine((spec) => Boolean(spec.dockerImage) !== Boolean(spec.spaceId), {
    message: "set exactly one of dockerImage and spaceId",
  });
export type JobSpecBody = z.output<typeof JobSpecBodySchema>;

export const UpdateJobLabelsBodySchema = z.object(
  { labels: JobLabelsSchema },
  { error: "body must be a JSON object with labels" },
);

/** A job's spec as JobInfo, and a job webhook's `job`, carry it (huggingface_hub `JobSpec` reads these keys). */
export const JobSpecWireSchema = z.looseObject({
  dockerImage: z.string().nullable().optional(),
  spaceId: z.string().nullable().optional(),
  command: z.array(z.string()),
  arguments: z.array(z.string()),
  environment: z.record(z.string(), z.string()),
  /** Names only: the values are never returned. */
  secrets: z.array(z.string()).or(z.record(z.string(), z.string())),
  flavor: z.string(),
  timeout: z.number().nullable().optional(),
  labels: z.record(z.string(), z.string()).nullable().optional(),
});
export type JobSpecWire = z.infer<typeof JobSpecWireSchema>;

/** `JobInfo` as huggingface_hub parses it. */
export const JobInfoSchema = z.looseObject({
  id: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  dockerImage: z.string().nullable().optional(),
  spaceId: z.string().nullable().optional(),
  command: z.array(z.string()),
  arguments: z.array(z.string()),
  environment: z.record(z.string(), z.string()),
  secrets: z.array(z.string()).or(z.record(z.string(), z.string())),
  flavor: z.string(),
  timeoutSeconds: z.number().nullable().optional(),
  labels: z.record(z.string(), z.string()).nullable(),
  status: z.object({
    stage: z.enum(JOB_STAGES),
    message: z.string().nullable(),
    exposeUrls: z.array(z.string()).nullable().optional(),
    sshUrl: z.string().nullable().optional(),
  }),
  /** huggingface_hub `JobDurations`: whole seconds; scheduling and running null until the job started. */
  durations: z
    .object({
      schedulingSecs: z.number().int().nullable(),
      runningSecs: z.number().int().nullable(),
      totalSecs: z.number().int().nullable(),
    })
    .nullable()
    .optional(),
  owner: z.object({ id: z.string(), name: z.string(), type: z.string() }),
  initiator: z.object({ type: z.string(), id: z.string(), name: z.string().optional() }).nullable(),
});
export type JobInfo = z.infer<typeof JobInfoSchema>;

/** One flavor as `GET /api/jobs/hardware` lists it (huggingface_hub `JobHardwareInfo`). */
export const JobHardwareInfoSchema = z.object({
  name: z.string(),
  prettyName: z.string(),
  cpu: z.string(),
  ram: z.string(),
  ephemeralStorage: z.string(),
  accelerator: z
    .object({ type: z.string(), model: z.string(), quantity: z.string(), vram: z.string(), manufacturer: z.string() })
    .nullable(),
  unitCostMicroUSD: z.number(),
  unitCostUSD: z.number(),
  unitLabel: z.string(),
});
export type JobHardwareInfo = z.infer<typeof JobHardwareInfoSchema>;

/** One line of a job's log as the logs stream sends it: `data: {"data": …, "timestamp": …}`. */
export const JobLogLineSchema = z.object({ data: z.string(), timestamp: z.string() });
export type JobLogLine = z.infer<typeof JobLogLineSchema>;

/** `create_scheduled_job`'s body: the job's spec, and when to run it (cron, `@hourly`-style). */
export const ScheduledJobBodySchema = z.object(
  {
    jobSpec: JobSpecBodySchema,
    schedule: z
      .string({ error: "schedule: must be a cron expression or @hourly, @daily…" })
      .min(1, "schedule: must be a cron expression or @hourly, @daily…")
      .max(200, "schedule: at most 200 characters"),
    suspend: z.boolean({ error: "suspend: must be true or false" }).nullish(),
    concurrency: z.boolean({ error: "concurrency: must be true or false" }).nullish(),
  },
  { error: "body must be a JSON object" },
);
export type ScheduledJobBody = z.output<typeof ScheduledJobBodySchema>;

/** `ScheduledJobInfo` as huggingface_hub parses it. */
export const ScheduledJobInfoSchema = z.looseObject({
  id: z.string(),
  createdAt: z.string(),
  jobSpec: JobSpecWireSchema,
  schedule: z.string(),
  suspend: z.boolean(),
  concurrency: z.boolean(),
  status: z.object({
    lastJob: z.object({ id: z.string(), at: z.string() }).nullable(),
    nextJobRunAt: z.string().nullable(),
  }),
  owner: z.object({ id: z.string(), name: z.string(), type: z.string() }),
});
export type ScheduledJobInfo = z.infer<typeof ScheduledJobInfoSchema>;
