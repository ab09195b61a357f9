import type { DeliveryDetail, DeliveryListResponse } from "@hubhooks/schemas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestReceiver } from "../../../../test-support/receiver.js";
import { DIALECTS, type Harness, useServer, waitUntil } from "../test-support/harness.js";
import type { ClaimedDelivery } from "./delivery-store.js";
import { writeResults } from "./result-store.js";

const HOOKS = "/api/settings/webhooks";

async function setUp(h: Harness, url: string, name: string) {
  const owner = (await h.user(`${name}-owner`)).token;
  const publisher = (await h.user(`${name}-hub`, { publisher: true })).token;
  const res = await h.call(owner, "POST", HOOKS, {
    url,
    secret: "s3cret",
    watched: [{ type: "model", name: `${name}-owner/m` }],
  });
  const webhookId = ((await res.json()) as { webhook: { id: string } }).webhook.id;
  const published = await h.call(publisher, "POST", "/api/events", {
    event: { action: "update", scope: "repo.content" },
    repo: { type: "model", name: `${name}-owner/m`, headSha: "a".repeat(40) },
  });
  expect(published.status).toBe(202);
  const list = async () =>
    (await (await h.call(owner, "GET", `${HOOKS}/${webhookId}/deliveries`)).json()) as DeliveryListResponse;
  const detail = async (deliveryId: string) =>
    (
      (await (await h.call(owner, "GET", `${HOOKS}/${webhookId}/deliveries/${deliveryId}`)).json()) as {
        delivery: DeliveryDetail;
      }
    ).delivery;
  return { owner, webhookId, list, detail };
}

// A successful first attempt is written into its delivery's row (one update, no attempts row); the activity log
// shows it exactly as an attempts row, before later attempts, and nothing is lost when the row is not ours to update.
describe.each(DIALECTS)("a successful first attempt in the delivery's row (%s)", (dialect) => {
  describe("with the worker", () => {
    const h = useServer(dialect, { worker: true });
    const receiver = new TestReceiver();
    beforeAll(() => receiver.start());
    afterAll(() => receiver.stop());

    it("is recorded without an attempts row and shown in full, then a replay after it", async () => {
      const { owner, webhookId, list, detail } = await setUp(h, `${receiver.url}/first`, "first");
      const [delivery] = (await waitUntil(
        async () => {
          const page = await list();
          return page.deliveries[0]?.status === "delivered" ? page.deliveries : undefined;
        },
        30_000,
        "the delivery to be recorded as delivered",
      )) as DeliveryListResponse["deliveries"];
      const id = (delivery as { id: string }).id;
      const rows = await h.server.db.selectFrom("attempts").select("id").where("delivery_id", "=", id).execute();
      expect(rows).toEqual([]);
      const shown = await detail(id);
      expect(shown.attemptLog).toHaveLength(1);
      expect(shown.attemptLog[0]).toMatchObject({
        attempt: 1,
        trigger: "auto",
        url: `${receiver.url}/first`,
        statusCode: 200,
        error: null,
        requestHeaders: { "x-webhook-delivery": id, "x-webhook-secret": "********" },
      });
      expect(shown.attemptLog[0]?.durationMs).toBeGreaterThanOrEqual(0);
      expect(typeof shown.attemptLog[0]?.responseBody).toBe("string");
      expect(shown.attemptLog[0]?.responseHeaders).toBeTypeOf("object");

      const replayed = await h.call(owner, "POST", `${HOOKS}/${webhookId}/deliveries/${id}/replay`);
      expect(replayed.status).toBe(200);
      const after = await detail(id);
      expect(after.attemptLog.map((a) => [a.attempt, a.trigger])).toEqual([
        [1, "auto"],
        [2, "replay"],
      ]);
      expect(after.attemptLog[0]).toEqual(shown.attemptLog[0]);
    }, 60_000);
  });

  describe("without a worker", () => {
    const h = useServer(dialect);

    it("keeps the attempt of a result whose lease was taken over, as an attempts row", async () => {
      const { list, detail } = await setUp(h, "https://example.com/taken", "taken");
      const id = (await list()).deliveries[0]?.id as string;
      const startedAt = Date.now();
      const delivery = { id, webhookId: "w", eventId: "e", payload: "", attempts: 0, leaseToken: "not-ours" };
      await writeResults(h.server.db, h.server.dialect, [
        {
          delivery: delivery as ClaimedDelivery,
          url: "https://example.com/taken",
          requestHeaders: { "x-webhook-delivery": id },
          outcome: {
            ok: true,
            statusCode: 200,
            error: null,
            durationMs: 7,
            startedAt,
            responseHeaders: { "content-type": "text/plain" },
            responseBody: "thanks",
          },
          retryAt: undefined,
        },
      ]);
      const shown = await detail(id);
      expect(shown.status).toBe("pending"); // not ours: the row's state is left alone
      expect(shown.attemptLog).toMatchObject([
        { attempt: 1, trigger: "auto", statusCode: 200, durationMs: 7, responseBody: "thanks" },
      ]);
    });
  });
});
