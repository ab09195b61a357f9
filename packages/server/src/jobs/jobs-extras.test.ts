import { beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, useServer } from "../test-support/harness.js";
import { jobsKit } from "../test-support/jobs-kit.js";

/** list_jobs_hardware, update_scheduled_job_labels and the JobInfo fields huggingface_hub reads beyond the spec. */
describe.each(DIALECTS)("jobs hardware, scheduled job labels and durations on %s", (dialect) => {
  const h = useServer(dialect);
  const kit = jobsKit(h);
  let alice: { id: string; token: string };
  let bob: { id: string; token: string };
  let scheduledId: string;
  beforeAll(async () => {
    alice = await h.user("alice");
    bob = await h.user("bob");
    const res = await h.call(alice.token, "POST", "/api/scheduled-jobs/alice", {
      jobSpec: {
        command: ["echo", "tick"],
        arguments: [],
        environment: {},
        flavor: "cpu-basic",
        dockerImage: "ubuntu",
      },
      schedule: "@daily",
    });
    expect(res.status).toBe(200);
    scheduledId = ((await res.json()) as { id: string }).id;
  });

  it("lists the flavors as list_jobs_hardware parses them, to anyone", async () => {
    const res = await h.call(undefined, "GET", "/api/jobs/hardware");
    expect(res.status).toBe(200);
    const flavors = (await res.json()) as Array<Record<string, unknown>>;
    expect(flavors.map((flavor) => flavor.name)).toEqual(expect.arrayContaining(["cpu-basic", "a10g-small"]));
    // JobHardwareInfo(**hardware) reads these keys (ephemeralStorage and accelerator may be missing or null).
    for (const flavor of flavors) {
      expect(flavor).toMatchObject({
        prettyName: expect.any(String),
        cpu: expect.stringMatching(/^\d+ vCPU$/),
        ram: expect.stringMatching(/^\d+ GB$/),
        accelerator: null,
        unitCostMicroUSD: 0,
        unitCostUSD: 0,
        unitLabel: "minute",
      });
    }
  });

  it("replaces a scheduled job's labels (update_scheduled_job_labels), and its runs carry them", async () => {
    const path = `/api/scheduled-jobs/alice/${scheduledId}/labels`;
    const res = await h.call(alice.token, "PUT", path, { labels: { team: "ml", run: "nightly" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: scheduledId, jobSpec: { labels: { team: "ml", run: "nightly" } } });
    const run = await h.call(alice.token, "POST", `/api/scheduled-jobs/alice/${scheduledId}/run`);
    expect(((await run.json()) as { labels: object }).labels).toEqual({ team: "ml", run: "nightly" });
    const cleared = await h.call(alice.token, "PUT", path, { labels: {} });
    expect(((await cleared.json()) as { jobSpec: { labels: unknown } }).jobSpec.labels).toBeNull();
    // Bad bodies are 400; another user's scheduled job is as missing as an unknown one.
    for (const body of [{ labels: "x" }, { labels: { "bad key!": "v" } }, [], "not json"]) {
      expect((await h.call(alice.token, "PUT", path, body)).status).toBe(400);
    }
    expect((await h.call(bob.token, "PUT", path, { labels: {} })).status).toBe(404);
    expect(
      (await h.call(bob.token, "PUT", `/api/scheduled-jobs/bob/${scheduledId}/labels`, { labels: {} })).status,
    ).toBe(404);
    expect((await h.call(undefined, "PUT", path, { labels: {} })).status).toBe(401);
  });

  it("returns durations and exposeUrls as JobInfo parses them", async () => {
    const job = await kit.run(alice.token, "alice", ["true"]);
    // No runner here: the job ended at once without starting, so only its total is known.
    expect(job.durations).toEqual({ schedulingSecs: null, runningSecs: null, totalSecs: 0 });
    expect(job.status).toMatchObject({ exposeUrls: null, sshUrl: null });
  });
});
