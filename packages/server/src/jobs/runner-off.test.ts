import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, useServer, waitUntil } from "../test-support/harness.js";

// The marker a job's command would create if anything ran it: it must never appear.
const folder = mkdtempSync(join(tmpdir(), "hubhooks-runner-off-"));
const marker = join(folder, "ran");
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe.each(DIALECTS)("jobs with no runner enabled (the default) on %s", (dialect) => {
  // A delivery worker runs, as in `hubhooks serve`; only the job runner is off.
  // A scheduled run is fired by a runner-less process once it is this late (the runners' stale time).
  const h = useServer(dialect, { worker: true, delivery: { jobs: { staleAfterMs: 1_000 } } });
  let alice: { id: string; token: string };
  beforeAll(async () => {
    alice = await h.user("alice");
  });

  it("has no runner at all", () => {
    expect(h.server.config.jobs.runner).toBe("none");
    expect(h.server.jobRunner).toBeUndefined();
  });

  it("records a job as ERROR at once, saying no runner is enabled, and runs nothing", async () => {
    const res = await h.call(alice.token, "POST", "/api/jobs/alice", {
      command: ["sh", "-c", `touch ${marker}`],
      arguments: [],
      environment: {},
      flavor: "cpu-basic",
      dockerImage: "ubuntu",
    });
    expect(res.status).toBe(200);
    const job = (await res.json()) as { id: string; status: { stage: string; message: string } };
    expect(job.status.stage).toBe("ERROR");
    expect(job.status.message).toMatch(/No job runner is enabled.*--jobs-runner local/);
    // A webhook that starts a clone of it: its delivery fails with the same reason and starts nothing.
    const hook = await h.call(alice.token, "POST", "/api/settings/webhooks", {
      jobSourceId: job.id,
      watched: [{ type: "user", name: "alice" }],
      domains: ["repo"],
    });
    expect(hook.status).toBe(200);
    const webhook = ((await hook.json()) as { webhook: { id: string; url: null; job: object } }).webhook;
    expect(webhook.url).toBeNull();
    expect(webhook.job).toMatchObject({ dockerImage: "ubuntu", command: ["sh", "-c", `touch ${marker}`] });
    expect((await h.call(alice.token, "POST", "/api/repos/create", { name: "demo" })).status).toBe(200);
    const attempt = await waitUntil(
      async () => {
        const list = await h.call(alice.token, "GET", `/api/settings/webhooks/${webhook.id}/deliveries`);
        const body = (await list.json()) as { deliveries: Array<{ lastError: string | null }> };
        return body.deliveries.find((delivery) => delivery.lastError);
      },
      20_000,
      "the job webhook's first attempt",
    );
    expect(attempt.lastError).toMatch(/No job runner is enabled/);
    const jobs = (await (await h.call(alice.token, "GET", "/api/jobs/alice")).json()) as unknown[];
    expect(jobs).toHaveLength(1);
    // Give anything that might run it time to do so (a runner polls every 50 ms here).
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(existsSync(marker)).toBe(false);
  });

  it("still fires a due scheduled job: each run is recorded as ERROR at once, saying no runner is on", async () => {
    const created = await h.call(alice.token, "POST", "/api/scheduled-jobs/alice", {
      jobSpec: {
        command: ["sh", "-c", `touch ${marker}`],
        arguments: [],
        environment: {},
        flavor: "cpu-basic",
        dockerImage: "ubuntu",
      },
      schedule: "* * * * * *",
    });
    expect(created.status).toBe(200);
    const scheduledId = ((await created.json()) as { id: string }).id;
    const fired = await waitUntil(
      async () => {
        const jobs = (await (await h.call(alice.token, "GET", "/api/jobs/alice")).json()) as Array<{
          initiator: { type: string; id: string } | null;
          status: { stage: string; message: string };
        }>;
        return jobs.find((job) => job.initiator?.type === "scheduled-job" && job.initiator.id === scheduledId);
      },
      30_000,
      "a run of the scheduled job",
    );
    expect(fired.status.stage).toBe("ERROR");
    expect(fired.status.message).toMatch(/No job runner is enabled/);
    await h.call(alice.token, "DELETE", `/api/scheduled-jobs/alice/${scheduledId}`);
    expect(existsSync(marker)).toBe(false);
  });
});
