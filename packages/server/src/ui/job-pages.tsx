import type { Hono } from "hono";
import type { ServerDeps } from "../core/deps.js";
import { findJob } from "../jobs/job-store.js";
import { linesAfter, seqBeforeTail } from "../jobs/log-store.js";
import { namespaceFor } from "../jobs/namespace.js";
import { toJobInfo } from "../jobs/to-wire.js";
import { JobPage } from "./pages/job.js";
import { NotFoundPage } from "./pages/not-found.js";
import type { UiEnv } from "./session.js";

const LINES_SHOWN = 500;

/**
 * `/settings/jobs/{namespace}/{id}`: one of the user's (or their orgs') Jobs with the end of its log, where the
 * activity log of a job webhook links. Anyone else's job is not found, as in the API.
 */
export function registerJobPages(app: Hono<UiEnv>, deps: ServerDeps): void {
  app.get("/settings/jobs/:namespace/:id", async (c) => {
    const s = c.var.session;
    if (!s) return c.redirect("/signin");
    const namespace = await namespaceFor(deps.db, s.account, c.req.param("namespace"));
    const row =
      namespace &&
      /^[0-9a-f]{24}$/.test(c.req.param("id")) &&
      (await findJob(deps.db, namespace.id, c.req.param("id")));
    if (!row) return c.html(<NotFoundPage session={s} what="Job" />, 404);
    const from = await seqBeforeTail(deps.db, row.id, LINES_SHOWN);
    const lines = await linesAfter(deps.db, row.id, from, LINES_SHOWN);
    return c.html(
      <JobPage session={s} job={toJobInfo(row)} lines={lines.map((entry) => entry.line)} truncated={from >= 0} />,
    );
  });
}
