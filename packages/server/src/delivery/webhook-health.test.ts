import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestReceiver } from "../../../../test-support/receiver.js";
import { DIALECTS, useServer, waitUntil } from "../test-support/harness.js";

const HOOKS = "/api/settings/webhooks";
type Info = { disabled: boolean; disabledReason?: string; failingSince?: string; failureWarning?: string };

describe.each(DIALECTS)("failing webhooks on %s (window shrunk to 2 s)", (dialect) => {
  const h = useServer(dialect, {
    worker: true,
    delivery: {
      retrySchedule: Array.from({ length: 30 }, () => 150),
      retryJitter: 0,
      overloadBackoffMs: 0,
      disableFailingAfterMs: 2_000,
      rateLimit: { limit: 1000, windowMs: 86_400_000 },
    },
  });
  const receiver = new TestReceiver();
  let owner: string;
  let hub: string;
  beforeAll(async () => {
    await receiver.start();
    receiver.respond = (request) => ({ status: request.path.startsWith("/broken") ? 500 : 200 });
    owner = (await h.user("health-owner")).token;
    hub = (await h.user("health-hub", { publisher: true })).token;
  });
  afterAll(() => receiver.stop());

  const create = async (path: string, watch: string) =>
    (
      (await (
        await h.call(owner, "POST", HOOKS, { url: `${receiver.url}${path}`, watched: [{ type: "user", name: watch }] })
      ).json()) as {
        webhook: { id: string };
      }
    ).webhook.id;
  const info = async (id: string) =>
    ((await (await h.call(owner, "GET", `${HOOKS}/${id}`)).json()) as { webhook: Info }).webhook;
  const publish = (repo: string) =>
    h.call(hub, "POST", "/api/events", {
      event: { action: "update", scope: "repo" },
      repo: { type: "model", name: repo },
    });

  it("warns from half the window on, then disables a webhook that only failed, with the reason", async () => {
    await h.user("broken-ns");
    const id = await create("/broken", "broken-ns");
    await publish("broken-ns/a");
    const failing = await waitUntil(async () => {
      const webhook = await info(id);
      return webhook.failingSince && webhook;
    });
    expect(failing.failureWarning).toBeUndefined();
    const warned = await waitUntil(async () => {
      const webhook = await info(id);
      return webhook.failureWarning && webhook;
    });
    expect(warned.failureWarning).toMatch(
      /every delivery has failed since .* \((50|75|90) % of the window\): the webhook will be disabled at /,
    );
    const disabled = await waitUntil(async () => {
      const webhook = await info(id);
      return webhook.disabled && webhook;
    }, 10_000);
    expect(disabled.disabledReason).toMatch(
      /^every delivery failed for 2 s; enable the webhook once the receiver is fixed$/,
    );
  });

  it("a success ends the failing streak", async () => {
    await h.user("flaky-ns");
    const id = await create("/flaky", "flaky-ns");
    let calls = 0;
    const previous = receiver.respond;
    receiver.respond = (request, index) =>
      request.path === "/flaky" ? { status: calls++ === 0 ? 500 : 200 } : previous(request, index);
    await publish("flaky-ns/a");
    await waitUntil(() => calls >= 2);
    const healthy = await waitUntil(async () => {
      const webhook = await info(id);
      return !webhook.failingSince && webhook;
    });
    expect(healthy.disabled).toBe(false);
    receiver.respond = previous;
  });
});
