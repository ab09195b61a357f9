import { JOB_ID_PATTERN, JOB_STAGES, JobSpecBodySchema, UpdateJobLabelsBodySchema } from "@hubhooks/schemas";
import { type Context, Hono } from "hono";
import { requireAccount } from "../accounts/require-account.js";
import type { AppEnv, ServerDeps } from "../core/deps.js";
import { apiError } from "../core/errors.js";
import { readJsonBody } from "../core/json-body.js";
import { cancelJob, findJob, setJobLabels } from "./job-store.js";
import { listJobsPage } from "./list-jobs.js";
import { logsStream } from "./logs-stream.js";
import { type Namespace, namespaceFor } from "./namespace.js";
import { startJob } from "./start-job.js";
import { toJobInfo } from "./to-wire.js";

// Another user's namespace and jobs answer exactly like missing ones.
const jobNotFound = () => apiError(404, "Job not found");

/** `/api/jobs/{namespace}`: the Hub's Jobs API, as huggingface_hub's run_job, list_jobs, inspect_job… call it. */
export function jobRoutes(deps: ServerDeps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  app.use("*", requireAccount(db, deps.apiLimiter));

  const namespaceOf = async (c: Context<AppEnv>): Promise<Namespace> => {
    const namespace = await namespaceFor(db, c.var.account, c.req.param("namespace") ?? "");
    if (!namespace) throw apiError(404, "Namespace not found");
    return namespace;
  };
  const jobOf = async (c: Context<AppEnv>) => {
    const namespace = await namespaceOf(c);
    const id = c.req.param("id") ?? "";
    const row = JOB_ID_PATTERN.test(id) ? await findJob(db, namespace.id, id) : undefined;
    if (!row) throw jobNotFound();
    return { namespace, row };
  };

  app.post("/:namespace", async (c) => {
    const namespace = await namespaceOf(c);
    const body = await readJsonBody(c, JobSpecBodySchema);
    const { account } = c.var;
    const row = await startJob(deps, {
      namespace,
      createdBy: account.id,
      body,
      initiator: { type: "user", id: account.id, name: account.name },
    });
    return c.json(toJobInfo(row));
  });

  app.get("/:namespace", async (c) => {
    const namespace = await namespaceOf(c);
    const stages = c.req.queries("stage") ?? [];
    for (const stage of stages) {
      if (!(JOB_STAGES as readonly string[]).includes(stage)) {
        throw apiError(400, `stage: must be one of ${JOB_STAGES.join(", ")}`);
      }
    }
    const labels = (c.req.queries("label") ?? []).map((label): [string, string] => {
      const at = label.indexOf("=");
      if (at < 1) throw apiError(400, "label: must be key=value");
      return [label.slice(0, at), label.slice(at + 1)];
    });
    const { rows, next } = await listJobsPage(db, namespace.id, c.req.url, deps.config.publicUrl, {
      stages,
      labels,
      limit: c.req.query("limit"),
      cursor: c.req.query("cursor"),
    });
    if (next) c.header("Link", `<${next}>; rel="next"`);
    return c.json(rows.map(toJobInfo));
  });

  app.get("/:namespace/:id", async (c) => c.json(toJobInfo((await jobOf(c)).row)));

  app.post("/:namespace/:id/cancel", async (c) => {
    const { namespace, row } = await jobOf(c);
    if (await cancelJob(db, namespace.id, row.id)) deps.notifier.notify();
    const now = await findJob(db, namespace.id, row.id);
    if (!now) throw jobNotFound();
    return c.json(toJobInfo(now));
  });

  app.put("/:namespace/:id/labels", async (c) => {
    const { namespace, row } = await jobOf(c);
    const { labels } = await readJsonBody(c, UpdateJobLabelsBodySchema);
    const now = await setJobLabels(db, namespace.id, row.id, labels);
    if (!now) throw jobNotFound();
    return c.json(toJobInfo(now));
  });

  app.get("/:namespace/:id/logs", async (c) => {
    const { row } = await jobOf(c);
    const tailText = c.req.query("tail");
    const tail = tailText === undefined ? undefined : Number(tailText);
    if (tail !== undefined && !(Number.isInteger(tail) && tail >= 0 && tail <= 100_000)) {
      throw apiError(400, "tail: must be a whole number from 0 to 100000");
    }
    const follow = c.req.query("follow");
    if (follow !== undefined && follow !== "true" && follow !== "false") throw apiError(400, "follow: true or false");
    return logsStream(c, deps, row.id, { tail, follow: follow !== "false" });
  });

  return app;
}
