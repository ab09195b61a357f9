import { beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, useServer, waitUntil } from "../test-support/harness.js";
import { jobsKit, type WireJob } from "../test-support/jobs-kit.js";

const HOOKS = "/api/settings/webhooks";

describe.each(DIALECTS)("webhooks that start a Job on %s", (dialect) => {
  const h = useServer(dialect, { worker: true, delivery: { jobs: { runner: "local" } } });
  const kit = jobsKit(h);
  let alice: { id: string; token: string };
  let bob: { id: string; token: string };
  let source: WireJob;
  let webhookId: string;
  beforeAll(async () => {
    alice = await h.user("alice");
    bob = await h.user("bob");
    source = await kit.run(alice.token, "alice", [
      "bash",
      "-c",
      'echo "repo=$WEBHOOK_REPO_ID type=$WEBHOOK_REPO_TYPE secret=$WEBHOOK_SECRET"; echo "$WEBHOOK_PAYLOAD"',
    ]);
  });

  it("creates a job webhook from huggingface_hub's body, and returns url null and the job's spec", async () => {
    // huggingface_hub create_webhook(job_id=…): {"watched": […], "domains": […], "secret": …, "jobSourceId": …}
    const res = await h.call(alice.token, "POST", HOOKS, {
      watched: [{ type: "user", name: "alice" }],
      domains: ["repo"],
      secret: "s3",
      jobSourceId: source.id,
    });
    expect(res.status).toBe(200);
    const { webhook } = (await res.json()) as { webhook: { id: string } };
    webhookId = webhook.id;
    const spec = {
      dockerImage: "ubuntu",
      command: source.command,
      arguments: [],
      environment: {},
      secrets: [],
      flavor: "cpu-basic",
    };
    expect(webhook).toMatchObject({ url: null, job: spec, disabled: false });
    const listed = (await (await h.call(alice.token, "GET", HOOKS)).json()) as unknown[];
    expect(listed).toEqual([expect.objectContaining({ id: webhookId, url: null, job: expect.objectContaining(spec) })]);
  });

  it("refuses another user's job as the source, as if it did not exist", async () => {
    const res = await h.call(bob.token, "POST", HOOKS, {
      watched: [{ type: "user", name: "bob" }],
      jobSourceId: source.id,
    });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toMatch(/Job not found/);
    const unknown = await h.call(alice.token, "POST", HOOKS, {
      watched: [{ type: "user", name: "alice" }],
      jobSourceId: "0".repeat(24),
    });
    expect(unknown.status).toBe(404);
  });

  it("starts a clone of the source job on each matching event, with the delivery in its environment", async () => {
    expect((await h.call(alice.token, "POST", "/api/repos/create", { name: "demo" })).status).toBe(200);
    const started = await waitUntil(
      async () => {
        const jobs = (await (await h.call(alice.token, "GET", "/api/jobs/alice")).json()) as WireJob[];
        return jobs.find((job) => (job.initiator as { type: string } | null)?.type === "webhook");
      },
      30_000,
      "a job started by the webhook",
    );
    expect(started).toMatchObject({
      initiator: { type: "webhook", id: webhookId },
      command: source.command,
      owner: { name: "alice" },
      secrets: ["WEBHOOK_SECRET"],
      environment: { WEBHOOK_REPO_ID: "alice/demo", WEBHOOK_REPO_TYPE: "model" },
    });
    const done = await kit.waitStage(alice.token, "alice", started.id, ["COMPLETED", "ERROR"]);
    expect(done.status.stage).toBe("COMPLETED");
    const lines = await kit.logs(alice.token, "alice", started.id);
    expect(lines).toContain("repo=alice/demo type=model secret=s3");
    const payload = JSON.parse(lines.at(-1) as string);
    expect(payload).toMatchObject({
      event: { action: "create", scope: "repo" },
      repo: { name: "alice/demo", type: "model" },
      webhook: { id: webhookId, version: 3 },
    });
    // The activity log: a delivered attempt whose answer names the job it started.
    const deliveries = (await (await h.call(alice.token, "GET", `${HOOKS}/${webhookId}/deliveries`)).json()) as {
      deliveries: Array<{ id: string; status: string }>;
    };
    expect(deliveries.deliveries).toEqual([expect.objectContaining({ status: "delivered" })]);
    const deliveryId = deliveries.deliveries[0]?.id as string;
    const detail = (await (
      await h.call(alice.token, "GET", `${HOOKS}/${webhookId}/deliveries/${deliveryId}`)
    ).json()) as {
      delivery: { attemptLog: Array<{ url: string; responseBody: string }> };
    };
    expect(detail.delivery.attemptLog[0]?.url).toBe(`job (a clone of job ${source.id})`);
    expect(JSON.parse(detail.delivery.attemptLog[0]?.responseBody as string)).toEqual({
      job: { id: started.id, namespace: "alice", stage: "SCHEDULING" },
    });
    // …and the job as it is now: its final stage, not the one it had when the attempt was recorded.
    const ended = { id: started.id, namespace: "alice", stage: "COMPLETED", message: null };
    expect((detail.delivery.attemptLog[0] as { job?: unknown }).job).toEqual(ended);
    expect((deliveries.deliveries[0] as { job?: unknown }).job).toEqual(ended);
    // A replay starts another job.
    const replay = await h.call(alice.token, "POST", `${HOOKS}/${webhookId}/deliveries/${deliveryId}/replay`);
    expect(replay.status).toBe(200);
    await waitUntil(
      async () => {
        const jobs = (await (await h.call(alice.token, "GET", "/api/jobs/alice")).json()) as WireJob[];
        return jobs.filter((job) => (job.initiator as { type: string } | null)?.type === "webhook").length === 2;
      },
      30_000,
      "a second job after the replay",
    );
  }, 120_000);

  it("switches a webhook between a URL and a job on update", async () => {
    const toUrl = await h.call(alice.token, "POST", `${HOOKS}/${webhookId}`, { url: "https://e.x/h", watched: [] });
    expect(((await toUrl.json()) as { webhook: object }).webhook).toMatchObject({ url: "https://e.x/h" });
    const toJob = await h.call(alice.token, "PATCH", `${HOOKS}/${webhookId}`, { jobSourceId: source.id });
    const back = ((await toJob.json()) as { webhook: { url: null; job: object } }).webhook;
    expect(back.url).toBeNull();
    expect(back.job).toMatchObject({ command: source.command });
    const foreign = await h.call(bob.token, "PATCH", `${HOOKS}/${webhookId}`, { jobSourceId: source.id });
    expect(foreign.status).toBe(404);
  });
});
