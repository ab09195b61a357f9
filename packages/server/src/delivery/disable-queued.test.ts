import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestReceiver } from "../../../../test-support/receiver.js";
import { DIALECTS, useServer, waitUntil } from "../test-support/harness.js";

const HOOKS = "/api/settings/webhooks";

// Deliveries queued in the worker behind their origin's bound were claimed with the webhook as it was then; one
// that waited starts with the webhook as it is now, so a webhook disabled meanwhile gets nothing more.
describe.each(DIALECTS)("a webhook disabled while its deliveries wait behind its origin (%s)", (dialect) => {
  const h = useServer(dialect, {
    worker: true,
    delivery: { perOriginConcurrency: 1, leaseMs: 60_000, rateLimit: { limit: 1_000_000, windowMs: 86_400_000 } },
  });
  const receiver = new TestReceiver();
  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());

  it("gets no request after the disable; what waited is cancelled", async () => {
    const publisher = (await h.user("hub", { publisher: true })).token;
    const alice = (await h.user("alice")).token;
    const created = await h.call(alice, "POST", HOOKS, {
      url: `${receiver.url}/slow`,
      watched: [{ type: "user", name: "alice" }],
    });
    const { id } = ((await created.json()) as { webhook: { id: string } }).webhook;
    receiver.respond = () => ({ status: 200, delayMs: 1_500 });
    const events = Array.from({ length: 5 }, () => ({
      event: { action: "update", scope: "repo.content" },
      repo: { type: "model", name: "alice/model", headSha: "a".repeat(40) },
    }));
    expect((await h.call(publisher, "POST", "/api/events", events)).status).toBe(202);
    await waitUntil(() => receiver.requests.length >= 1, 5_000, "the first attempt in flight");
    expect((await h.call(alice, "POST", `${HOOKS}/${id}/disable`)).status).toBe(200);

    const statuses = await waitUntil(
      async () => {
        const page = (await (await h.call(alice, "GET", `${HOOKS}/${id}/deliveries`)).json()) as {
          deliveries: Array<{ status: string }>;
        };
        const counts = page.deliveries.map((d) => d.status).sort();
        return counts.every((s) => s !== "pending") && counts;
      },
      10_000,
      "every delivery finished",
    );
    expect(receiver.requests).toHaveLength(1);
    expect(statuses).toEqual(["cancelled", "cancelled", "cancelled", "cancelled", "delivered"]);
  });
});
