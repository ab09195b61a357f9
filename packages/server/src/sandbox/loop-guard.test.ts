import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestReceiver } from "../../../../test-support/receiver.js";
import { DIALECTS, useServer } from "../test-support/harness.js";
import { sandboxKit } from "../test-support/sandbox-kit.js";

describe.each(DIALECTS)("sandbox loop guard on %s", (dialect) => {
  const h = useServer(dialect, { worker: true, delivery: { loopGuardPerMinute: 3 } });
  const receiver = new TestReceiver();
  const kit = sandboxKit(h, receiver);
  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());

  it("refuses a webhook owner's changes (429 naming the loop) once its deliveries caused 3 in a minute, and logs it", async () => {
    const alice = await h.user("alice");
    const webhookId = await kit.webhook(alice.token, "/loop", [{ type: "user", name: "alice" }]);
    // Before any delivery, nothing counts: the repo's creation is alice's own doing.
    await kit.json(h.call(alice.token, "POST", "/api/repos/create", { name: "loop" }));
    await kit.payloads("/loop", 1);
    const api = "/api/models/alice/loop/discussions";
    await kit.json(h.call(alice.token, "POST", api, { title: "Loop", description: "1" }));
    await kit.json(h.call(alice.token, "POST", `${api}/1/comment`, { comment: "2" }));
    await kit.json(h.call(alice.token, "POST", `${api}/1/comment`, { comment: "3" }));
    const refused = await h.call(alice.token, "POST", `${api}/1/comment`, { comment: "4" });
    expect(refused.status).toBe(429);
    expect((await refused.json()).error).toMatch(
      new RegExp(
        `^Loop guard: webhook ${webhookId} \\(${receiver.url}/loop\\) caused 3 changes by alice within a minute \\(limit 3\\)`,
      ),
    );
    const details = await kit.json(h.call(alice.token, "GET", `${api}/1`));
    expect(details.events).toHaveLength(3);
    const activity = await kit.json(h.call(alice.token, "GET", `/api/settings/webhooks/${webhookId}/deliveries`));
    expect(activity.loopGuard).toMatchObject({
      changes: 3,
      message: expect.stringMatching(/^Loop guard: this webhook's deliveries caused 3 changes/),
    });
    // Only the looping token is stopped: another user comments as usual.
    const bob = await h.user("bob");
    await kit.json(h.call(bob.token, "POST", `${api}/1/comment`, { comment: "I am not a bot" }));
  });
});
