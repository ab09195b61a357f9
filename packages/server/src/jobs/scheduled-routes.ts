import { JOB_ID_PATTERN, ScheduledJobBodySchema, UpdateJobLabelsBodySchema } from "@hubhooks/schemas";
import { type Context, Hono } from "hono";
import { requireAccount } from "../accounts/require-account.js";
import type { AppEnv, ServerDeps } from "../core/deps.js";
import { apiError } from "../core/errors.js";
import { readJsonBody } from "../core/json-body.js";
import { namespaceFor } from "./namespace.js";
import { lastRunActive, runScheduled } from "./run-scheduled.js";
import { nextRunAfter } from "./schedule.js";
import {
  deleteScheduledJob,
  findScheduledJob,
  insertScheduledJob,
  listScheduledJobs,
  setScheduledLabels,
  setSuspended,
} from "./scheduled-store.js";
import { toScheduledJobInfo } from "./scheduled-to-wire.js";
import { storedSpecOf } from "./start-job.js";
import { toJobInfo } from "./to-wire.js";

const notFound = () => apiError(404, "Scheduled job not found");

/** `/api/scheduled-jobs/{namespace}`: huggingface_hub's create/list/inspect/delete/suspend/resume/run scheduled job. */
export function scheduledJobRoutes(deps: ServerDeps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  app.use("*", requireAccount(db, deps.apiLimiter));

  const namespaceOf = async (c: Context<AppEnv>) => {
    const namespace = await namespaceFor(db, c.var.account, c.req.param("namespace") ?? "");
    if (!namespace) throw apiError(404, "Namespace not found");
    return namespace;
  };
  const scheduledOf = async (c: Context<AppEnv>) => {
    const namespace = await namespaceOf(c);
    const id = c.req.param("id") ?? "";
    const row = JOB_ID_PATTERN.test(id) ? await findScheduledJob(db, namespace.id, id) : undefined;
    if (!row) throw notFound();
    return { namespace, row };
  };

  app.post("/:namespace", async (c) => {
    const namespace = await namespaceOf(c);
    const body = await readJsonBody(c, ScheduledJobBodySchema);
    const nextRunAt = nextRunAfter(body.schedule, Date.now());
    if (nextRunAt === undefined) {
      throw apiError(400, "schedule: must be a cron expression (e.g. 0 9 * * 1) or @hourly, @daily, @weekly…");
    }
    const row = await insertScheduledJob(db, {
      namespace,
      createdBy: c.var.account.id,
      spec: storedSpecOf(body.jobSpec),
      labels: body.jobSpec.labels ?? null,
      schedule: body.schedule,
      suspend: body.suspend ?? false,
      concurrency: body.concurrency ?? false,
      nextRunAt,
    });
    return c.json(toScheduledJobInfo(row));
  });

  app.get("/:namespace", async (c) => {
    const namespace = await namespaceOf(c);
    return c.json((await listScheduledJobs(db, namespace.id)).map(toScheduledJobInfo));
  });

  app.get("/:namespace/:id", async (c) => c.json(toScheduledJobInfo((await scheduledOf(c)).row)));

  app.delete("/:namespace/:id", async (c) => {
    const { namespace, row } = await scheduledOf(c);
    if (!(await deleteScheduledJob(db, namespace.id, row.id))) throw notFound();
    return c.json({});
  });

  for (const [action, suspend] of [
    ["suspend", true],
    ["resume", false],
  ] as const) {
    app.post(`/:namespace/:id/${action}`, async (c) => {
      const { namespace, row } = await scheduledOf(c);
      await setSuspended(db, namespace.id, row.id, suspend, nextRunAfter(row.schedule, Date.now()) ?? null);
      const now = await findScheduledJob(db, namespace.id, row.id);
      if (!now) throw notFound();
      return c.json(toScheduledJobInfo(now));
    });
  }

  // update_scheduled_job_labels: the labels of the jobs it starts from now on, all replaced.
  app.put("/:namespace/:id/labels", async (c) => {
    const { namespace, row } = await scheduledOf(c);
    const { labels } = await readJsonBody(c, UpdateJobLabelsBodySchema);
    const now = await setScheduledLabels(db, namespace.id, row.id, labels);
    if (!now) throw notFound();
    return c.json(toScheduledJobInfo(now));
  });

  app.post("/:namespace/:id/run", async (c) => {
    const { row } = await scheduledOf(c);
    if (row.concurrency === 0 && (await lastRunActive(deps, row))) {
      throw apiError(409, "The last run of this scheduled job is still going, and it does not allow concurrent runs");
    }
    return c.json(toJobInfo(await runScheduled(deps, row)));
  });

  return app;
}
