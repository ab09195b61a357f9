import { beforeAll, describe, expect, it } from "vitest";
import { ApiRateLimiter } from "../core/api-rate-limit.js";
import type { ServerDeps } from "../core/deps.js";
import { Metrics } from "../core/metrics.js";
import { Notifier } from "../core/notifier.js";
import { DIALECTS, useServer, waitUntil } from "../test-support/harness.js";
import { jobsKit, type WireJob } from "../test-support/jobs-kit.js";
import { Scheduler } from "./scheduler.js";

interface Scheduled {
  id: string;
  schedule: string;
  suspend: boolean;
  concurrency: boolean;
  jobSpec: { command: string[]; dockerImage: string };
  status: { lastJob: { id: string; at: string } | null; nextJobRunAt: string | null };
  owner: { name: string };
}

const BASE = "/api/scheduled-jobs";
// huggingface_hub create_scheduled_job: {"jobSpec": {…as run_job}, "schedule": …, "suspend"?, "concurrency"?}
const body = (schedule: string, command = ["echo", "tick"]) => ({
  jobSpec: { command, arguments: [], environment: {}, flavor: "cpu-basic", dockerImage: "ubuntu" },
  schedule,
});

describe.each(DIALECTS)("scheduled jobs on %s", (dialect) => {
  const h = useServer(dialect, { worker: true, delivery: { jobs: { runner: "local" } } });
  const kit = jobsKit(h);
  let alice: { id: string; token: string };
  let bob: { id: string; token: string };
  beforeAll(async () => {
    alice = await h.user("alice");
    bob = await h.user("bob");
  });
  const create = async (schedule: string, command?: string[]) => {
    const res = await h.call(alice.token, "POST", `${BASE}/alice`, body(schedule, command));
    const text = await res.text();
    expect(res.status, text).toBe(200);
    return JSON.parse(text) as Scheduled;
  };
  const runsOf = async (id: string) =>
    ((await (await h.call(alice.token, "GET", "/api/jobs/alice")).json()) as WireJob[]).filter(
      (job) => (job.initiator as { id: string } | null)?.id === id,
    );

  it("creates, lists, inspects, suspends, resumes and deletes, as huggingface_hub parses them", async () => {
    const before = Date.now();
    const scheduled = await create("@hourly");
    expect(scheduled).toMatchObject({
      schedule: "@hourly",
      suspend: false,
      concurrency: false,
      jobSpec: { command: ["echo", "tick"], dockerImage: "ubuntu" },
      status: { lastJob: null },
      owner: { name: "alice" },
    });
    const next = Date.parse(scheduled.status.nextJobRunAt as string);
    expect(next).toBeGreaterThan(before);
    expect(next).toBeLessThanOrEqual(before + 3_600_000);
    expect(new Date(next).getUTCMinutes()).toBe(0);
    const listed = (await (await h.call(alice.token, "GET", `${BASE}/alice`)).json()) as Scheduled[];
    expect(listed.map((one) => one.id)).toContain(scheduled.id);
    const suspended = (await (
      await h.call(alice.token, "POST", `${BASE}/alice/${scheduled.id}/suspend`)
    ).json()) as Scheduled;
    expect(suspended).toMatchObject({ suspend: true, status: { nextJobRunAt: null } });
    const resumed = (await (
      await h.call(alice.token, "POST", `${BASE}/alice/${scheduled.id}/resume`)
    ).json()) as Scheduled;
    expect(resumed.suspend).toBe(false);
    expect(resumed.status.nextJobRunAt).toEqual(expect.any(String));
    expect((await h.call(alice.token, "DELETE", `${BASE}/alice/${scheduled.id}`)).status).toBe(200);
    expect((await h.call(alice.token, "GET", `${BASE}/alice/${scheduled.id}`)).status).toBe(404);
  });

  it("refuses bad schedules and bodies with 400, and another user's scheduled jobs with 404", async () => {
    for (const schedule of ["every hour", "61 * * * *", ""]) {
      const res = await h.call(alice.token, "POST", `${BASE}/alice`, body(schedule));
      expect(res.status, schedule).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/schedule/);
    }
    expect((await h.call(alice.token, "POST", `${BASE}/alice`, { schedule: "@daily" })).status).toBe(400);
    expect((await h.call(alice.token, "POST", `${BASE}/alice`, "{")).status).toBe(400);
    const mine = await create("@daily");
    expect((await h.call(bob.token, "GET", `${BASE}/alice`)).status).toBe(404);
    for (const [method, suffix] of [
      ["GET", ""],
      ["DELETE", ""],
      ["POST", "/run"],
      ["POST", "/suspend"],
    ] as const) {
      expect((await h.call(bob.token, method, `${BASE}/bob/${mine.id}${suffix}`)).status).toBe(404);
    }
  });

  it("runs now on request, with the scheduled job as initiator, and refuses an overlapping run (409)", async () => {
    const scheduled = await create("@yearly", ["sleep", "600"]);
    const res = await h.call(alice.token, "POST", `${BASE}/alice/${scheduled.id}/run`);
    const run = (await res.json()) as WireJob;
    expect(run.initiator).toEqual({ type: "scheduled-job", id: scheduled.id });
    expect((await h.call(alice.token, "POST", `${BASE}/alice/${scheduled.id}/run`)).status).toBe(409);
    const after = (await (await h.call(alice.token, "GET", `${BASE}/alice/${scheduled.id}`)).json()) as Scheduled;
    expect(after.status.lastJob?.id).toBe(run.id);
    await h.call(alice.token, "POST", `/api/jobs/alice/${run.id}/cancel`);
  });

  it("fires a due time exactly once, even with several schedulers on the database", async () => {
    const scheduled = await create("@hourly");
    // Two more schedulers (as other worker processes would run) race the server's own for the same due row.
    const { db, dialect, logger, config } = h.server;
    const deps: ServerDeps = {
      db,
      dialect,
      logger,
      config,
      notifier: new Notifier(),
      apiLimiter: new ApiRateLimiter(config.apiRateLimit, config.anonymousPerMinute),
      metrics: new Metrics(),
    };
    const others = [new Scheduler(deps), new Scheduler(deps)];
    const due = Date.now() - 1_000;
    await db.updateTable("scheduled_jobs").set({ next_run_at: due }).where("id", "=", scheduled.id).execute();
    await Promise.all(others.map((scheduler) => scheduler.tick()));
    const runs = await waitUntil(
      async () => {
        const found = await runsOf(scheduled.id);
        return found.length > 0 ? found : undefined;
      },
      20_000,
      "the due run",
    );
    // Give any second firing of the same due time every chance to happen.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await runsOf(scheduled.id)).toHaveLength(1);
    const done = await kit.waitStage(alice.token, "alice", runs[0]?.id as string, ["COMPLETED"]);
    expect(done.initiator).toEqual({ type: "scheduled-job", id: scheduled.id });
    const after = (await (await h.call(alice.token, "GET", `${BASE}/alice/${scheduled.id}`)).json()) as Scheduled;
    expect(Date.parse(after.status.nextJobRunAt as string)).toBeGreaterThan(Date.now());
  });
});
