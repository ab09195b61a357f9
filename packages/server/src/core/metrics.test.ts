import type { DeliveryListResponse } from "@hubhooks/schemas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestReceiver } from "../../../../test-support/receiver.js";
import { DIALECTS, useServer, waitUntil } from "../test-support/harness.js";

const HOOKS = "/api/settings/webhooks";

/** The value of one sample of the exposition, 0 when absent (a counter never incremented shows no sample). */
function sample(text: string, name: string, labels = ""): number {
  const line = text.split("\n").find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ""} `));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

describe.each(DIALECTS)("/metrics on %s", (dialect) => {
  // Final after one attempt (no retries), and a trigger limit of 4 per webhook: the script below knows each outcome.
  const h = useServer(dialect, {
    worker: true,
    delivery: { retrySchedule: [], rateLimit: { limit: 4, windowMs: 86_400_000 } },
  });
  const receiver = new TestReceiver();
  let url: string;
  beforeAll(async () => {
    receiver.respond = (request) =>
      request.path.startsWith("/bad")
        ? { status: 500, body: "down" }
        : request.path.startsWith("/gone")
          ? { status: 410, body: "gone" }
          : { status: 200, body: "{}" };
    await receiver.start();
    url = await h.server.listen({ host: "127.0.0.1", port: 0 });
  });
  afterAll(() => receiver.stop());

  it("counts n delivered, m failed and k rate-limited exactly as the activity log does, and a 410's disable", async () => {
    const owner = (await h.user("owner")).token;
    const hub = (await h.user("hub", { publisher: true })).token;
    const webhook = async (path: string, repo: string) => {
      const res = await h.call(owner, "POST", HOOKS, {
        url: `${receiver.url}${path}`,
        watched: [{ type: "model", name: repo }],
      });
      return ((await res.json()) as { webhook: { id: string } }).webhook.id;
    };
    const good = await webhook("/good", "owner/good");
    const bad = await webhook("/bad", "owner/bad");
    const gone = await webhook("/gone", "owner/gone");
    const publish = async (repo: string) => {
      const res = await h.call(hub, "POST", "/api/events", {
        event: { action: "update", scope: "repo.content" },
        repo: { type: "model", name: repo, headSha: "a".repeat(40) },
      });
      expect(res.status).toBe(202);
    };
    // 6 events to the good receiver: 4 delivered, 2 over the limit; 3 to the failing one: 3 failed; 1 to a
    // receiver that answers 410: failed, and its webhook disabled.
    for (let i = 0; i < 6; i++) await publish("owner/good");
    for (let i = 0; i < 3; i++) await publish("owner/bad");
    await publish("owner/gone");

    const statuses = async (id: string) =>
      ((await (await h.call(owner, "GET", `${HOOKS}/${id}/deliveries`)).json()) as DeliveryListResponse).deliveries.map(
        (d) => d.status,
      );
    const log = await waitUntil(
      async () => {
        const all = [...(await statuses(good)), ...(await statuses(bad)), ...(await statuses(gone))];
        return all.length === 10 && !all.includes("pending") ? all : undefined;
      },
      30_000,
      "every delivery to end",
    );
    const inLog = (status: string) => log.filter((s) => s === status).length;
    expect([inLog("delivered"), inLog("failed"), inLog("rate_limited")]).toEqual([4, 4, 2]);
    const disabled = async () =>
      ((await (await h.call(owner, "GET", `${HOOKS}/${gone}`)).json()) as { webhook: { disabled: boolean } }).webhook
        .disabled;
    await waitUntil(disabled, 30_000, "the 410 to disable its webhook");

    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const deliveries = (outcome: string) => sample(text, "hubhooks_deliveries_total", `outcome="${outcome}"`);
    expect([deliveries("delivered"), deliveries("failed"), deliveries("rate_limited")]).toEqual([
      inLog("delivered"),
      inLog("failed"),
      inLog("rate_limited"),
    ]);
    expect(sample(text, "hubhooks_delivery_attempts_total", 'status_class="2xx"')).toBe(4);
    expect(sample(text, "hubhooks_delivery_attempts_total", 'status_class="4xx"')).toBe(1);
    expect(sample(text, "hubhooks_delivery_attempts_total", 'status_class="5xx"')).toBe(3);
    expect(sample(text, "hubhooks_delivery_attempt_duration_seconds_count")).toBe(8);
    expect(sample(text, "hubhooks_delivery_first_attempt_latency_seconds_count")).toBe(8);
    expect(sample(text, "hubhooks_webhooks_auto_disabled_total", 'reason="gone"')).toBe(1);
    // The outbox is empty again; the storage rows are there.
    expect(sample(text, "hubhooks_deliveries_pending")).toBe(0);
    expect(sample(text, "hubhooks_deliveries_due")).toBe(0);
    expect(sample(text, "hubhooks_oldest_due_age_seconds")).toBe(0);
    expect(sample(text, "hubhooks_database_size_bytes")).toBeGreaterThan(0);
    expect(text).toMatch(/^hubhooks_database_rows\{table="deliveries"\} \d+$/m);
    // One sandbox change: a repo created through the Hub sandbox.
    const before = sample(text, "hubhooks_sandbox_changes_total");
    expect((await h.call(owner, "POST", "/api/repos/create", { name: "counted" })).status).toBe(200);
    const afterChange = await (await fetch(`${url}/metrics`)).text();
    expect(sample(afterChange, "hubhooks_sandbox_changes_total")).toBe(before + 1);
    // Process metrics, event-loop lag among them.
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);
  });

  it("shows due deliveries and the age of the oldest while no worker claims them; then counts their cancelling", async () => {
    await h.server.worker.stop();
    try {
      const owner = (await h.user("owner-2")).token;
      const hub = (await h.user("hub-2", { publisher: true })).token;
      const created = await h.call(owner, "POST", HOOKS, {
        url: `${receiver.url}/later`,
        watched: [{ type: "model", name: "owner-2/later" }],
      });
      const id = ((await created.json()) as { webhook: { id: string } }).webhook.id;
      for (let i = 0; i < 2; i++) {
        await h.call(hub, "POST", "/api/events", {
          event: { action: "update", scope: "repo.content" },
          repo: { type: "model", name: "owner-2/later", headSha: "a".repeat(40) },
        });
      }
      const text = await waitUntil(
        async () => {
          const body = await (await fetch(`${url}/metrics`)).text();
          return sample(body, "hubhooks_oldest_due_age_seconds") >= 1 ? body : undefined;
        },
        30_000,
        "the oldest due delivery to age",
      );
      expect(sample(text, "hubhooks_deliveries_due")).toBe(2);
      expect(sample(text, "hubhooks_deliveries_pending")).toBe(2);
      expect(sample(text, "hubhooks_deliveries_in_flight")).toBe(0);

      // Disabled while they wait: the worker that claims them cancels them, and counts it.
      expect((await h.call(owner, "POST", `${HOOKS}/${id}/disable`)).status).toBe(200);
      h.server.worker.start();
      await waitUntil(
        async () => {
          const page = (await (await h.call(owner, "GET", `${HOOKS}/${id}/deliveries`)).json()) as DeliveryListResponse;
          return page.deliveries.filter((d) => d.status === "cancelled").length === 2;
        },
        30_000,
        "both deliveries to be cancelled",
      );
      const after = await (await fetch(`${url}/metrics`)).text();
      expect(sample(after, "hubhooks_deliveries_total", 'outcome="cancelled"')).toBe(2);
      expect(sample(after, "hubhooks_deliveries_due")).toBe(0);
    } finally {
      h.server.worker.start();
    }
  });
});
