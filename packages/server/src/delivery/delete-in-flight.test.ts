import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestReceiver } from "../../../../test-support/receiver.js";
import { DIALECTS, useServer, waitUntil } from "../test-support/harness.js";

const HOOKS = "/api/settings/webhooks";
const EACH = 40;

// A webhook deleted while its attempts are in flight takes its deliveries with it; the results of those attempts
// arrive in the same batch as other webhooks' results, which must still be written (they were lost with the batch,
// and their deliveries sent again after the lease).
describe.each(DIALECTS)("deleting a webhook while its attempts are in flight (%s)", (dialect) => {
  const h = useServer(dialect, {
    worker: true,
    delivery: { leaseMs: 60_000, rateLimit: { limit: 1_000_000, windowMs: 86_400_000 } },
  });
  const receiver = new TestReceiver();
  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());

  it("records every other delivery of the same result batch, each sent once", async () => {
    const publisher = (await h.user("hub", { publisher: true })).token;
    const alice = (await h.user("alice")).token;
    const create = async (path: string) => {
      const res = await h.call(alice, "POST", HOOKS, {
        url: `${receiver.url}${path}`,
        watched: [{ type: "user", name: "alice" }],
      });
      return ((await res.json()) as { webhook: { id: string } }).webhook.id;
    };
    const doomed = await create("/doomed");
    const kept = await create("/kept");
    // Every answer is held long enough for the deletion to land while all of them are in flight.
    receiver.respond = () => ({ status: 200, delayMs: 400 });
    const events = Array.from({ length: EACH }, () => ({
      event: { action: "update", scope: "repo.content" },
      repo: { type: "model", name: "alice/model", headSha: "a".repeat(40) },
    }));
    expect((await h.call(publisher, "POST", "/api/events", events)).status).toBe(202);
    await waitUntil(() => receiver.requests.length >= EACH, 5_000, "the first attempts in flight");
    expect((await h.call(alice, "DELETE", `${HOOKS}/${doomed}`)).status).toBe(200);

    const delivered = await waitUntil(
      async () => {
        const page = (await (await h.call(alice, "GET", `${HOOKS}/${kept}/deliveries?limit=100`)).json()) as {
          deliveries: Array<{ status: string }>;
        };
        const done = page.deliveries.filter((d) => d.status === "delivered").length;
        return done === EACH && done;
      },
      10_000,
      `all ${EACH} deliveries of the kept webhook recorded as delivered (lease is 60 s)`,
    );
    expect(delivered).toBe(EACH);
    const keptIds = receiver.requests.filter((r) => r.path === "/kept").map((r) => r.headers["x-webhook-delivery"]);
    expect(new Set(keptIds).size).toBe(EACH);
    expect(keptIds).toHaveLength(EACH);
  });
});
