import type { DeliveryDetail, DeliveryListResponse } from "@hubhooks/schemas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestReceiver } from "../../../../test-support/receiver.js";
import { DIALECTS, useServer, waitUntil } from "../test-support/harness.js";

const HOOKS = "/api/settings/webhooks";

describe.each(DIALECTS)("delivery on %s", (dialect) => {
  const h = useServer(dialect, {
    worker: true,
    delivery: {
      retrySchedule: [50, 100],
      retryJitter: 0,
      timeoutMs: 500,
      overloadBackoffMs: 0,
      rateLimit: { limit: 5, windowMs: 86_400_000 },
    },
  });
  const receiver = new TestReceiver();
  let owner: string;
  let publisher: string;
  beforeAll(async () => {
    await receiver.start();
    owner = (await h.user("owner")).token;
    publisher = (await h.user("hub", { publisher: true })).token;
  });
  afterAll(() => receiver.stop());

  async function webhook(path: string, body: object = {}) {
    const res = await h.call(owner, "POST", HOOKS, {
      url: `${receiver.url}${path}`,
      watched: [{ type: "model", name: `owner${path.split("?")[0]}` }],
      ...body,
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { webhook: { id: string } }).webhook.id;
  }
  const publish = async (repo: string, extra: object = {}) => {
    const res = await h.call(publisher, "POST", "/api/events", {
      event: { action: "update", scope: "repo.content" },
      repo: { type: "model", name: repo, headSha: "a".repeat(40) },
      ...extra,
    });
    expect(res.status).toBe(202);
    return (await res.json()) as { eventId: string; deliveries: number };
  };
  const received = (path: string) => receiver.requests.filter((r) => r.path.startsWith(path));
  const deliveries = async (id: string, query = "") =>
    (await (await h.call(owner, "GET", `${HOOKS}/${id}/deliveries${query}`)).json()) as DeliveryListResponse;
  const detail = async (id: string, deliveryId: string) =>
    (
      (await (await h.call(owner, "GET", `${HOOKS}/${id}/deliveries/${deliveryId}`)).json()) as {
        delivery: DeliveryDetail;
      }
    ).delivery;

  it("delivers with the secret, a stable delivery id and our user agent, and logs the attempt", async () => {
    const id = await webhook("/ok", { secret: "s3cret" });
    expect((await publish("owner/ok")).deliveries).toBe(1);
    await waitUntil(() => received("/ok").length === 1);
    const [request] = received("/ok");
    expect(request?.headers["x-webhook-secret"]).toBe("s3cret");
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.headers["user-agent"]).toMatch(/^hubhooks\/\d+\.\d+\.\d+$/);
    expect(request?.json.webhook).toEqual({ id, version: 3 });
    const list = await waitUntil(async () => {
      const page = await deliveries(id);
      return page.deliveries[0]?.status === "delivered" && page;
    });
    const [summary] = list.deliveries;
    expect(request?.headers["x-webhook-delivery"]).toBe(summary?.id);
    expect(summary).toMatchObject({ attempts: 1, lastStatusCode: 200, scope: "repo.content", repo: "model/owner/ok" });
    const log = await detail(id, summary?.id as string);
    expect(log.payload).toEqual(request?.json);
    expect(log.attemptLog).toHaveLength(1);
    expect(log.attemptLog[0]).toMatchObject({ statusCode: 200, trigger: "auto", responseBody: '{"ok":true}' });
    expect(log.attemptLog[0]?.requestHeaders["x-webhook-secret"]).toBe("********");
  });

  it("sends no secret header without a secret, and keeps a ?secret= in the URL as is", async () => {
    await webhook("/query?secret=abc");
    await publish("owner/query");
    await waitUntil(() => received("/query").length === 1);
    expect(received("/query")[0]?.path).toBe("/query?secret=abc");
    expect(received("/query")[0]?.headers).not.toHaveProperty("x-webhook-secret");
  });

  it("retries a failing receiver on the schedule until it succeeds (3 attempts)", async () => {
    const id = await webhook("/flaky");
    let calls = 0;
    const previous = receiver.respond;
    receiver.respond = (request, index) => {
      if (!request.path.startsWith("/flaky")) return previous(request, index);
      calls++;
      return calls <= 2 ? { status: 503, body: "busy" } : { status: 204 };
    };
    await publish("owner/flaky");
    const summary = await waitUntil(async () => {
      const first = (await deliveries(id)).deliveries[0];
      return first?.status === "delivered" && first;
    });
    receiver.respond = previous;
    expect(summary.attempts).toBe(3);
    const log = await detail(id, summary.id);
    expect(log.attemptLog.map((a) => a.statusCode)).toEqual([503, 503, 204]);
    expect(log.attemptLog[0]).toMatchObject({ error: "HTTP 503", responseBody: "busy" });
  });

  it("treats 3xx as a failure and never follows it; gives up after the last attempt", async () => {
    const id = await webhook("/moved");
    const previous = receiver.respond;
    receiver.respond = (request, index) =>
      request.path.startsWith("/moved")
        ? { status: 302, headers: { location: `${receiver.url}/elsewhere` } }
        : previous(request, index);
    await publish("owner/moved");
    const summary = await waitUntil(async () => {
      const first = (await deliveries(id)).deliveries[0];
      return first?.status === "failed" && first;
    });
    receiver.respond = previous;
    expect(summary.attempts).toBe(3);
    expect(summary.lastError).toMatch(/redirect not followed/);
    expect(received("/elsewhere")).toHaveLength(0);
  });

  it("records a timeout", async () => {
    const id = await webhook("/slow");
    const previous = receiver.respond;
    receiver.respond = (request, index) =>
      request.path.startsWith("/slow") ? { status: 200, delayMs: 2_000 } : previous(request, index);
    await publish("owner/slow");
    const summary = await waitUntil(async () => {
      const first = (await deliveries(id)).deliveries[0];
      return first && first.attempts >= 1 && first;
    });
    receiver.respond = previous;
    expect(summary.lastError).toBe("timed out");
    expect(summary.lastStatusCode).toBeNull();
  });

  it("stops retries when the webhook is disabled", async () => {
    const id = await webhook("/disabled-later");
    const previous = receiver.respond;
    receiver.respond = (request, index) =>
      request.path.startsWith("/disabled-later") ? { status: 500 } : previous(request, index);
    // A long retry delay so the disable surely happens before the retry is due.
    h.server.config.retrySchedule = [300, 300];
    await publish("owner/disabled-later");
    await waitUntil(() => received("/disabled-later").length === 1);
    await h.call(owner, "POST", `${HOOKS}/${id}/disable`);
    const summary = await waitUntil(async () => {
      const first = (await deliveries(id)).deliveries[0];
      return first?.status === "cancelled" && first;
    });
    h.server.config.retrySchedule = [50, 100];
    receiver.respond = previous;
    expect(summary.attempts).toBe(1);
    expect(received("/disabled-later")).toHaveLength(1);
  });

  it("rate limits: with a limit of 5, 7 events give 5 delivered and 2 rate_limited, both replayable", async () => {
    const id = await webhook("/limited");
    for (let i = 0; i < 7; i++) await publish("owner/limited");
    const page = await waitUntil(async () => {
      const list = await deliveries(id);
      return list.deliveries.filter((d) => d.status === "delivered").length === 5 && list;
    });
    const limited = page.deliveries.filter((d) => d.status === "rate_limited");
    expect(limited).toHaveLength(2);
    expect(page.usage).toEqual({ count: 5, limit: 5, windowHours: 24 });
    expect(received("/limited")).toHaveLength(5);
    expect((await deliveries(id, "?status=rate_limited")).deliveries).toHaveLength(2);
    for (const delivery of limited) {
      const res = await h.call(owner, "POST", `${HOOKS}/${id}/deliveries/${delivery.id}/replay`);
      const body = (await res.json()) as { delivery: DeliveryDetail; attempt: { statusCode: number; trigger: string } };
      expect(body.attempt).toMatchObject({ statusCode: 200, trigger: "replay" });
      expect(body.delivery.status).toBe("delivered");
    }
    expect(received("/limited")).toHaveLength(7);
    // Replays are sent over the limit, and each replayed delivery counts against the window from then on.
    expect((await deliveries(id)).usage.count).toBe(7);
  });

  it("replays to the current URL with the current secret", async () => {
    const id = await webhook("/old", { secret: "old-secret" });
    await publish("owner/old");
    await waitUntil(() => received("/old").length === 1);
    const [delivery] = (
      await waitUntil(async () => {
        const list = await deliveries(id);
        return list.deliveries[0]?.status === "delivered" && list;
      })
    ).deliveries;
    await h.call(owner, "POST", `${HOOKS}/${id}`, { url: `${receiver.url}/new`, secret: "new-secret" });
    const res = await h.call(owner, "POST", `${HOOKS}/${id}/deliveries/${delivery?.id}/replay`);
    expect(res.status).toBe(200);
    const [replayed] = received("/new");
    expect(replayed?.headers["x-webhook-secret"]).toBe("new-secret");
    expect(replayed?.json).toEqual(received("/old")[0]?.json);
    expect(replayed?.headers["x-webhook-delivery"]).toBe(delivery?.id);
    const log = await detail(id, delivery?.id as string);
    expect(log.attemptLog.map((a) => [a.trigger, a.url])).toEqual([
      ["auto", `${receiver.url}/old`],
      ["replay", `${receiver.url}/new`],
    ]);
  });

  it("a failed replay of a delivered delivery keeps it delivered and shows in its attempts with its status", async () => {
    const id = await webhook("/replay-fails");
    await publish("owner/replay-fails");
    const delivered = await waitUntil(async () => {
      const first = (await deliveries(id)).deliveries[0];
      return first?.status === "delivered" && first;
    });
    const previous = receiver.respond;
    receiver.respond = (request, index) =>
      request.path === "/replay-fails" ? { status: 500, body: "down for maintenance" } : previous(request, index);
    const res = await h.call(owner, "POST", `${HOOKS}/${id}/deliveries/${delivered.id}/replay`);
    receiver.respond = previous;
    expect(res.status).toBe(200);
    const body = (await res.json()) as { delivery: DeliveryDetail; attempt: { statusCode: number; trigger: string } };
    expect(body.attempt).toMatchObject({ statusCode: 500, trigger: "replay" });
    expect(body.delivery).toMatchObject({ status: "delivered", attempts: 2, lastStatusCode: 200, lastError: null });
    expect((await deliveries(id)).deliveries[0]).toMatchObject({ id: delivered.id, status: "delivered" });
    const log = await detail(id, delivered.id);
    expect(log.attemptLog.map((a) => [a.trigger, a.statusCode, a.error, a.responseBody])).toEqual([
      ["auto", 200, null, '{"ok":true}'],
      ["replay", 500, "HTTP 500", "down for maintenance"],
    ]);
  });

  it("410 Gone disables the webhook at once with the reason shown; enabling it resumes deliveries", async () => {
    const id = await webhook("/gone");
    const previous = receiver.respond;
    receiver.respond = (request, index) => (request.path === "/gone" ? { status: 410 } : previous(request, index));
    await publish("owner/gone");
    const info = await waitUntil(async () => {
      const res = await h.call(owner, "GET", `${HOOKS}/${id}`);
      const { webhook: body } = (await res.json()) as { webhook: { disabled: boolean; disabledReason?: string } };
      return body.disabled && body;
    });
    expect(info.disabledReason).toMatch(/^the receiver answered 410 Gone at .+; enable the webhook to resume$/);
    const [failed] = (await deliveries(id)).deliveries;
    expect(failed).toMatchObject({ status: "failed", attempts: 1, lastStatusCode: 410, nextAttemptAt: null });
    receiver.respond = previous;
    const enabled = await h.call(owner, "POST", `${HOOKS}/${id}/enable`);
    expect(((await enabled.json()) as { webhook: object }).webhook).not.toHaveProperty("disabledReason");
    await publish("owner/gone");
    await waitUntil(() => received("/gone").length === 2);
  });

  it("pages the activity log newest first and hides it from other users", async () => {
    const id = await webhook("/paged");
    for (let i = 0; i < 3; i++) await publish("owner/paged");
    const first = await deliveries(id, "?limit=2");
    expect(first.deliveries).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    const second = await deliveries(id, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.deliveries).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.deliveries, ...second.deliveries].map((d) => d.id);
    expect(new Set(ids).size).toBe(3);
    expect(first.deliveries[0]!.createdAt >= first.deliveries[1]!.createdAt).toBe(true);

    const stranger = (await h.user("stranger")).token;
    for (const path of [`${HOOKS}/${id}/deliveries`, `${HOOKS}/${id}/deliveries/${ids[0]}`]) {
      expect((await h.call(stranger, "GET", path)).status).toBe(404);
    }
    expect((await h.call(stranger, "POST", `${HOOKS}/${id}/deliveries/${ids[0]}/replay`)).status).toBe(404);
    expect((await h.call(owner, "GET", `${HOOKS}/${id}/deliveries?status=nope`)).status).toBe(400);
    expect((await h.call(owner, "GET", `${HOOKS}/${id}/deliveries?cursor=%%%`)).status).toBe(400);
    expect((await h.call(owner, "GET", `${HOOKS}/${id}/deliveries/ffffffffffffffffffffffff`)).status).toBe(404);
  });

  it("filters the activity log by event scope and time range", async () => {
    const id = await webhook("/filtered", { domains: ["repo", "discussion"] });
    await publish("owner/filtered");
    // Apart in time by more than the clock's millisecond, on both sides of `between`.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const between = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await publish("owner/filtered", {
      event: { action: "create", scope: "discussion" },
      discussion: { num: 1, title: "Hi", isPullRequest: false },
    });
    const scopes = async (query: string) => (await deliveries(id, query)).deliveries.map((d) => d.scope);
    expect(await scopes("")).toEqual(["discussion", "repo.content"]);
    expect(await scopes("?scope=repo.content")).toEqual(["repo.content"]);
    expect(await scopes("?scope=discussion.comment")).toEqual([]);
    expect(await scopes(`?since=${between}`)).toEqual(["discussion"]);
    expect(await scopes(`?until=${encodeURIComponent(between)}`)).toEqual(["repo.content"]);
    expect(await scopes(`?since=${Date.parse(between)}&scope=repo.content`)).toEqual([]);
    for (const query of [
      "?since=yesterday",
      "?until=2026-13-45",
      "?scope=Repo%20Content",
      `?since=${"9".repeat(25)}`,
    ]) {
      const res = await h.call(owner, "GET", `${HOOKS}/${id}/deliveries${query}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: expect.stringMatching(/since|until|scope/) });
    }
  });
});
