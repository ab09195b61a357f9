import { beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, useServer } from "../test-support/harness.js";

describe.each(DIALECTS)("a publisher's retry is a no-op on %s", (dialect) => {
  const h = useServer(dialect);
  let hub: { id: string; token: string };
  let other: { id: string; token: string };
  let webhookId: string;

  beforeAll(async () => {
    const owner = await h.user("retried");
    hub = await h.user("retry-hub", { publisher: true });
    other = await h.user("other-hub", { publisher: true });
    const res = await h.call(owner.token, "POST", "/api/settings/webhooks", {
      url: "https://example.com/retried",
      watched: [{ type: "user", name: "retried" }],
    });
    webhookId = ((await res.json()) as { webhook: { id: string } }).webhook.id;
  });

  const event = (name: string, id?: string) => ({
    ...(id && { id }),
    event: { action: "update", scope: "repo" },
    repo: { type: "model", name: `retried/${name}` },
  });
  /** POST /api/events with an optional Idempotency-Key; the status and the body as text. */
  async function post(body: unknown, key?: string, token = hub.token) {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
    if (key !== undefined) headers["Idempotency-Key"] = key;
    const res = await h.server.app.request("/api/events", { method: "POST", headers, body: JSON.stringify(body) });
    return { status: res.status, text: await res.text() };
  }
  const count = async (table: "events" | "deliveries") => {
    let query = h.server.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n"));
    if (table === "deliveries") query = query.where("webhook_id", "=", webhookId);
    return Number((await query.executeTakeFirstOrThrow()).n);
  };

  it("a batch retried with the same Idempotency-Key answers exactly like the first and records nothing", async () => {
    const batch = [event("a"), event("b")];
    const first = await post(batch, "batch-1");
    expect(first.status).toBe(202);
    expect(JSON.parse(first.text).events).toHaveLength(2);
    const before = [await count("events"), await count("deliveries")];
    const again = await post(batch, "batch-1");
    expect(again).toEqual(first);
    expect([await count("events"), await count("deliveries")]).toEqual(before);
    // Another publisher's same key is its own.
    const theirs = await post(batch, "batch-1", other.token);
    expect(theirs.status).toBe(202);
    expect(theirs.text).not.toEqual(first.text);
  });

  it("the same key with another body is refused with 422 and a clear error, and records nothing", async () => {
    await post([event("c")], "batch-2");
    const before = [await count("events"), await count("deliveries")];
    const changed = await post([event("c"), event("d")], "batch-2");
    expect(changed.status).toBe(422);
    expect(JSON.parse(changed.text).error).toMatch(/Idempotency-Key batch-2 was already used with a different/);
    expect([await count("events"), await count("deliveries")]).toEqual(before);
    expect((await post([event("c")], "bad key with spaces")).status).toBe(400);
  });

  it("events with an id are recorded once: a retry without a key answers with their first results", async () => {
    const first = await post([event("e", "hub-event-1"), event("f", "hub-event-2")]);
    expect(first.status).toBe(202);
    const before: [number, number] = [await count("events"), await count("deliveries")];
    expect(await post([event("e", "hub-event-1"), event("f", "hub-event-2")])).toEqual(first);
    expect([await count("events"), await count("deliveries")]).toEqual(before);
    // A single event, and a batch mixing a known id, a new one and an event without id.
    const [e1] = JSON.parse(first.text).events;
    expect(JSON.parse((await post(event("e", "hub-event-1"))).text)).toEqual(e1);
    const mixed = JSON.parse((await post([event("e", "hub-event-1"), event("g", "hub-event-3"), event("h")])).text);
    expect(mixed.events[0]).toEqual(e1);
    expect(mixed.events[1].eventId).not.toBe(e1.eventId);
    expect([await count("events"), await count("deliveries")]).toEqual([before[0] + 2, before[1] + 2]);
    // The same id for another event is refused.
    const reused = await post([event("other", "hub-event-2")]);
    expect(reused.status).toBe(422);
    expect(JSON.parse(reused.text).error).toMatch(/Event id hub-event-2 was already used for a different event/);
  });

  it("concurrent duplicates: one wins, the others answer the same, nothing is recorded twice", async () => {
    const before: [number, number] = [await count("events"), await count("deliveries")];
    const batch = [event("i", "hub-event-4"), event("j")];
    const keyed = await Promise.all(Array.from({ length: 5 }, () => post(batch, "batch-3")));
    expect(new Set(keyed.map((answer) => answer.status))).toEqual(new Set([202]));
    expect(new Set(keyed.map((answer) => answer.text)).size).toBe(1);
    const byId = await Promise.all(Array.from({ length: 5 }, () => post([event("k", "hub-event-5")])));
    expect(new Set(byId.map((answer) => answer.text)).size).toBe(1);
    expect(byId[0]?.status).toBe(202);
    expect([await count("events"), await count("deliveries")]).toEqual([before[0] + 3, before[1] + 3]);
  });
});
