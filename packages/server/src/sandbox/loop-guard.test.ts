import type { DeliveryListResponse } from "@hubhooks/schemas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestReceiver } from "../../../../test-support/receiver.js";
import { DIALECTS, useServer, waitUntil } from "../test-support/harness.js";
import { sandboxKit } from "../test-support/sandbox-kit.js";

const PER_MINUTE = 5;

describe.each(DIALECTS)("sandbox loop guard on %s", (dialect) => {
  const h = useServer(dialect, { worker: true, delivery: { loopGuardPerMinute: PER_MINUTE } });
  const receiver = new TestReceiver();
  const kit = sandboxKit(h, receiver);
  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());
  const activity = async (token: string, id: string) =>
    (await kit.json(h.call(token, "GET", `/api/settings/webhooks/${id}/deliveries`))) as DeliveryListResponse & {
      loopGuard?: { changes: number; message: string };
    };

  // The Hub guide's layout: the webhook is alice's, the bot that answers it posts with another account's token.
  it("stops a bot that answers every delivery with a comment as another account, refusing none of its comments", async () => {
    const alice = await h.user("alice");
    const bot = await h.user("bot");
    await kit.json(h.call(alice.token, "POST", "/api/repos/create", { name: "loop" }));
    const api = "/api/models/alice/loop/discussions";
    await kit.json(h.call(alice.token, "POST", api, { title: "Loop", description: "start" }));
    const webhookId = await kit.webhook(alice.token, "/loop", [{ type: "model", name: "alice/loop" }], ["discussion"]);
    const answers: number[] = [];
    receiver.respond = (request) => {
      if (request.path === "/loop") {
        void h.call(bot.token, "POST", `${api}/1/comment`, { comment: "I saw it" }).then((res) => {
          answers.push(res.status);
        });
      }
      return { status: 200 };
    };
    await kit.json(h.call(alice.token, "POST", `${api}/1/comment`, { comment: "go" }));

    const tripped = await waitUntil(async () => (await activity(alice.token, webhookId)).loopGuard, 20_000, "a trip");
    expect(tripped.message).toMatch(/^Loop guard: this webhook's deliveries were followed by \d+ changes/);
    // The cycle is broken: a delivery waits for the end of its hold, and the bot gets nothing more to answer.
    const held = await waitUntil(async () =>
      (await activity(alice.token, webhookId)).deliveries.find((d) => d.status === "pending"),
    );
    expect(held.lastError).toMatch(/^held by the loop guard until/);
    expect(Date.parse(held.nextAttemptAt as string)).toBeGreaterThan(Date.now() + 30_000);
    const sent = receiver.requests.filter((r) => r.path === "/loop").length;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(receiver.requests.filter((r) => r.path === "/loop").length).toBe(sent);
    expect(sent).toBeLessThan(PER_MINUTE + 5);
    await waitUntil(() => answers.length === sent, 10_000, "the bot's comments answered");
    expect(answers.every((status) => status === 200)).toBe(true);
    receiver.respond = () => ({ status: 200 });
  });

  it("never refuses someone who comments quickly on a watched repo without answering deliveries", async () => {
    const carol = await h.user("carol");
    await kit.json(h.call(carol.token, "POST", "/api/repos/create", { name: "busy" }));
    const api = "/api/models/carol/busy/discussions";
    await kit.json(h.call(carol.token, "POST", api, { title: "Notes", description: "start" }));
    const webhookId = await kit.webhook(carol.token, "/busy", [{ type: "model", name: "carol/busy" }], ["discussion"]);
    const comments = 4 * PER_MINUTE;
    for (let i = 0; i < comments; i++) {
      const res = await h.call(carol.token, "POST", `${api}/1/comment`, { comment: `note ${i}` });
      expect(res.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // Every comment made it, and so did every event: delivered, or held and pending, none lost.
    const page = await activity(carol.token, webhookId);
    expect(page.deliveries).toHaveLength(comments);
    expect(page.deliveries.every((d) => d.status === "delivered" || d.status === "pending")).toBe(true);
  });
});
