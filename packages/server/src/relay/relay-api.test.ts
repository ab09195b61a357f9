import { describe, expect, it } from "vitest";
import { DIALECTS, useServer } from "../test-support/harness.js";
import { pruneRelayEvents } from "./pruner.js";

const MINUTE = 60_000;

describe.each(DIALECTS)("relay channels over the API (%s)", (dialect) => {
  const h = useServer(dialect, {
    delivery: {
      relay: { maxBodyBytes: 2048, maxEventsPerChannel: 3, maxEventAgeMs: MINUTE, maxChannelsPerAccount: 2 },
    },
  });
  const post = (id: string, body: BodyInit, headers: Record<string, string> = {}) =>
    h.server.app.request(`/relay/${id}`, { method: "POST", body, headers });
  const create = async (token: string) => {
    const res = await h.call(token, "POST", "/api/relay/channels", { name: "laptop" });
    expect(res.status).toBe(200);
    return ((await res.json()) as { channel: { id: string; url: string; pending: number } }).channel;
  };

  it("stores a request byte for byte, only for the owner's eyes, and acknowledges it", async () => {
    const alice = await h.user("alice");
    const mallory = await h.user("mallory");
    const channel = await create(alice.token);
    expect(channel.id).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(channel.url).toBe(`http://localhost/relay/${channel.id}`);
    // Not UTF-8, not JSON: the bytes must come back as they went.
    const bytes = new Uint8Array([0xff, 0x00, 0x7b, 0x22, 0xc3, 0x28, 0x0a]);
    const res = await post(channel.id, bytes, { "X-Webhook-Secret": "s3cret", "Content-Type": "application/json" });
    expect(res.status).toBe(200);
    const { id: eventId } = (await res.json()) as { id: string };
    const event = await h.call(alice.token, "GET", `/api/relay/channels/${channel.id}/events/${eventId}`);
    const { event: stored } = (await event.json()) as { event: { body: string; headers: string[][]; sends: number } };
    expect(Buffer.from(stored.body, "base64")).toEqual(Buffer.from(bytes));
    expect(stored.headers).toContainEqual(["x-webhook-secret", "s3cret"]);

    for (const [method, path] of [
      ["GET", `/api/relay/channels/${channel.id}`],
      ["GET", `/api/relay/channels/${channel.id}/events`],
      ["GET", `/api/relay/channels/${channel.id}/events/${eventId}`],
      ["GET", `/api/relay/channels/${channel.id}/listen`],
      ["POST", `/api/relay/channels/${channel.id}/events/${eventId}/replay`],
      ["POST", `/api/relay/channels/${channel.id}/events/${eventId}/ack`],
      ["DELETE", `/api/relay/channels/${channel.id}`],
    ] as const) {
      const answer = await h.call(
        mallory.token,
        method,
        path,
        method === "POST" ? { durationMs: 1, statusCode: 200 } : undefined,
      );
      expect([method, path, answer.status]).toEqual([method, path, 404]);
      expect(await answer.json()).toEqual({ error: "Relay channel not found" });
    }
    expect((await h.call(undefined, "GET", `/api/relay/channels/${channel.id}/listen`)).status).toBe(401);
    expect(await (await h.call(mallory.token, "GET", "/api/relay/channels")).json()).toEqual([]);

    const ack = (body: unknown) =>
      h.call(alice.token, "POST", `/api/relay/channels/${channel.id}/events/${eventId}/ack`, body);
    expect((await ack({ statusCode: 99, durationMs: 1 })).status).toBe(400);
    expect((await ack({ statusCode: 204, durationMs: 12, body: "ok" })).status).toBe(200);
    const list = await h.call(alice.token, "GET", `/api/relay/channels/${channel.id}/events`);
    const [summary] = ((await list.json()) as { events: Array<Record<string, unknown>> }).events;
    expect(summary).toMatchObject({ id: eventId, answer: { statusCode: 204, durationMs: 12, body: "ok" } });
    expect(summary?.acknowledgedAt).not.toBeNull();
    const replay = await h.call(alice.token, "POST", `/api/relay/channels/${channel.id}/events/${eventId}/replay`);
    expect(((await replay.json()) as { event: { acknowledgedAt: string | null } }).event.acknowledgedAt).toBeNull();
    expect((await h.call(alice.token, "DELETE", `/api/relay/channels/${channel.id}`)).status).toBe(200);
    expect((await post(channel.id, "{}")).status).toBe(404);
  });

  it("answers unknown channels, other methods and every cap with a clear 4xx", async () => {
    const bob = await h.user("bob");
    const channel = await create(bob.token);
    expect(await (await post("A".repeat(32), "{}")).json()).toEqual({ error: "Relay channel not found" });
    expect((await post("short", "{}")).status).toBe(404);
    const get = await h.server.app.request(`/relay/${channel.id}`);
    expect(get.status).toBe(405);
    expect(((await get.json()) as { error: string }).error).toMatch(/with POST/);

    const big = await post(channel.id, "x".repeat(2049));
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: "Request body is larger than 2048 bytes" });

    for (let n = 0; n < 3; n++) expect((await post(channel.id, `{"n":${n}}`)).status).toBe(200);
    const full = await post(channel.id, "{}");
    expect(full.status).toBe(429);
    expect(((await full.json()) as { error: string }).error).toMatch(/holds 3 events no listener has acknowledged/);

    // Acknowledged events make room, oldest first; events past the age limit go.
    const events = await (await h.call(bob.token, "GET", `/api/relay/channels/${channel.id}/events`)).json();
    const ids = (events as { events: Array<{ id: string }> }).events.map((e) => e.id).reverse();
    for (const id of ids) {
      await h.call(bob.token, "POST", `/api/relay/channels/${channel.id}/events/${id}/ack`, {
        statusCode: 200,
        durationMs: 1,
      });
    }
    expect((await post(channel.id, '{"n":3}')).status).toBe(200);
    const kept = async () =>
      (
        (await (await h.call(bob.token, "GET", `/api/relay/channels/${channel.id}/events`)).json()) as {
          events: Array<{ id: string; seq: number }>;
        }
      ).events.map((e) => e.seq);
    expect(await kept()).toEqual([4, 3, 2]);
    await h.server.db
      .updateTable("relay_events")
      .set({ received_at: Date.now() - 2 * MINUTE })
      .where("seq", "<", 4)
      .where("channel_id", "=", channel.id)
      .execute();
    expect((await post(channel.id, '{"n":4}')).status).toBe(200);
    expect(await kept()).toEqual([5, 4]);
    // A channel nothing posts to any more loses its expired events to the hourly prune.
    expect(await pruneRelayEvents({ db: h.server.db, config: h.server.config }, Date.now() + 2 * MINUTE)).toBe(2);
    expect(await kept()).toEqual([]);

    expect((await h.call(bob.token, "POST", "/api/relay/channels", {})).status).toBe(200);
    const third = await h.call(bob.token, "POST", "/api/relay/channels", {});
    expect(third.status).toBe(422);
    expect(await third.json()).toEqual({
      error: "this account has 2 relay channels, the most this server allows per account (2): delete one first",
    });
    expect((await h.call(bob.token, "POST", "/api/relay/channels", { name: 5 })).status).toBe(400);
    expect((await h.call(bob.token, "POST", "/api/relay/channels", "{nope")).status).toBe(400);
  });
});
