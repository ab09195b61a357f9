import { beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, useServer } from "../test-support/harness.js";
import { jobsKit, type WireJob } from "../test-support/jobs-kit.js";

/**
 * A worker that dies after a job webhook's attempt started its Job, before it recorded the attempt, leaves the
 * delivery to be claimed again with the same attempt number: that retry must find the job, not start another.
 * Here the hand-off the worker uses is called twice for the same attempt, as the two workers would.
 */
describe.each(DIALECTS)("a job webhook's attempt starts one Job however often it is tried on %s", (dialect) => {
  const h = useServer(dialect, { delivery: { jobs: { runner: "local" } } });
  const kit = jobsKit(h);
  let alice: { id: string; token: string };
  let source: WireJob;
  let webhookId: string;
  beforeAll(async () => {
    alice = await h.user("alice");
    source = await kit.run(alice.token, "alice", ["true"]);
    const res = await h.call(alice.token, "POST", "/api/settings/webhooks", {
      watched: [{ type: "user", name: "alice" }],
      jobSourceId: source.id,
    });
    webhookId = ((await res.json()) as { webhook: { id: string } }).webhook.id;
  });

  const attempt = (deliveryId: string, number: number) =>
    h.server.handoff.send(
      webhookId,
      deliveryId,
      { "x-webhook-delivery": deliveryId, "x-webhook-attempt": String(number) },
      JSON.stringify({ repo: { name: "alice/demo", type: "model" } }),
      `job:${source.id}`,
    );
  const clones = async () => {
    const jobs = (await (await h.call(alice.token, "GET", "/api/jobs/alice")).json()) as WireJob[];
    return jobs.filter((job) => (job.initiator as { type: string } | null)?.type === "webhook");
  };

  it("answers the job the first try started when the same attempt is tried again, and a new one for the next", async () => {
    const deliveryId = "a".repeat(24);
    const first = await attempt(deliveryId, 1);
    const again = await attempt(deliveryId, 1);
    expect(first.ok && again.ok).toBe(true);
    const firstJob = (JSON.parse(first.responseBody) as { job: { id: string } }).job.id;
    expect((JSON.parse(again.responseBody) as { job: { id: string } }).job.id).toBe(firstJob);
    expect((await clones()).map((job) => job.id)).toEqual([firstJob]);
    // A later attempt (a replay) is another start, and so is another delivery's.
    await attempt(deliveryId, 2);
    await attempt("b".repeat(24), 1);
    expect(await clones()).toHaveLength(3);
  });
});
