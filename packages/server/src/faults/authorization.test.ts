import { beforeAll, describe, expect, it } from "vitest";
import { report } from "../../../../test-support/faults.js";
import { createOrg } from "../accounts/org-store.js";
import { DIALECTS, useServer } from "../test-support/harness.js";

/**
 * Three users and an org: every route of the management and activity API, tried by each user on each other
 * user's webhook. Nobody reads or changes what is not theirs, and nothing reveals that it exists.
 */
describe.each(DIALECTS)("authorization matrix on %s", (dialect) => {
  const h = useServer(dialect, { delivery: { retrySchedule: [] } });
  const users = ["amy", "bob", "cid"] as const;
  const tokens: Record<string, string> = {};
  const webhooks: Record<string, string> = {};
  const deliveries: Record<string, string> = {};
  beforeAll(async () => {
    for (const name of users) tokens[name] = (await h.user(name)).token;
    await createOrg(h.server.db, "team", ["amy", "bob"]);
    const hub = (await h.user("matrix-hub", { publisher: true })).token;
    for (const name of users) {
      const res = await h.call(tokens[name], "POST", "/api/settings/webhooks", {
        url: `https://example.com/${name}`,
        watched: [{ type: "org", name: "team" }],
        secret: `secret-of-${name}`,
      });
      webhooks[name] = ((await res.json()) as { webhook: { id: string } }).webhook.id;
    }
    await h.call(hub, "POST", "/api/events", {
      event: { action: "update", scope: "repo" },
      repo: { type: "model", name: "team/model" },
    });
    for (const name of users) {
      const page = (await (
        await h.call(tokens[name], "GET", `/api/settings/webhooks/${webhooks[name]}/deliveries`)
      ).json()) as {
        deliveries: Array<{ id: string }>;
      };
      deliveries[name] = page.deliveries[0]?.id ?? "";
    }
  });

  it("answers 404 to every user on every route of every other user's webhook, and changes nothing", async () => {
    let checks = 0;
    for (const actor of users) {
      for (const owner of users) {
        if (actor === owner) continue;
        const id = webhooks[owner];
        const routes: Array<[string, string, unknown?]> = [
          ["GET", `/api/settings/webhooks/${id}`],
          ["POST", `/api/settings/webhooks/${id}`, { url: "https://evil.example/x" }],
          ["PATCH", `/api/settings/webhooks/${id}`, { url: "https://evil.example/x" }],
          ["POST", `/api/settings/webhooks/${id}/disable`],
          ["POST", `/api/settings/webhooks/${id}/enable`],
          ["GET", `/api/settings/webhooks/${id}/deliveries`],
          ["GET", `/api/settings/webhooks/${id}/deliveries/${deliveries[owner]}`],
          ["POST", `/api/settings/webhooks/${id}/deliveries/${deliveries[owner]}/replay`],
          ["DELETE", `/api/settings/webhooks/${id}`],
        ];
        for (const [method, path, body] of routes) {
          const res = await h.call(tokens[actor], method, path, body);
          const text = await res.text();
          expect(res.status, `${actor} ${method} ${path}`).toBe(404);
          expect(text).not.toContain(`secret-of-${owner}`);
          checks++;
        }
        // An own delivery id under another user's webhook, and another's delivery under one's own webhook.
        const crossed = await h.call(
          tokens[actor],
          "GET",
          `/api/settings/webhooks/${webhooks[actor]}/deliveries/${deliveries[owner]}`,
        );
        expect(crossed.status).toBe(404);
        checks++;
      }
      const list = (await (await h.call(tokens[actor], "GET", "/api/settings/webhooks")).json()) as Array<{
        id: string;
      }>;
      expect(list.map((w) => w.id)).toEqual([webhooks[actor]]);
    }
    for (const owner of users) {
      const res = await h.call(tokens[owner], "GET", `/api/settings/webhooks/${webhooks[owner]}`);
      const { webhook } = (await res.json()) as { webhook: { url: string; disabled: boolean; secret: string } };
      expect(webhook).toMatchObject({
        url: `https://example.com/${owner}`,
        disabled: false,
        secret: `secret-of-${owner}`,
      });
      const log = (await (
        await h.call(tokens[owner], "GET", `/api/settings/webhooks/${webhooks[owner]}/deliveries/${deliveries[owner]}`)
      ).json()) as {
        delivery: { attemptLog: Array<{ trigger: string }> };
      };
      expect(log.delivery.attemptLog.filter((a) => a.trigger === "replay")).toEqual([]);
    }
    report(`authorization ${dialect}: ${checks} cross-user requests, 0 reads or writes of another user's webhook`);
  });

  it("answers 404 to every user on every route of every other user's relay channel, and changes nothing", async () => {
    const channels: Record<string, { id: string; event: string }> = {};
    for (const name of users) {
      const created = await h.call(tokens[name], "POST", "/api/relay/channels", { name: `${name}-laptop` });
      const { channel } = (await created.json()) as { channel: { id: string } };
      expect(
        (await h.server.app.request(`/relay/${channel.id}`, { method: "POST", body: `{"from":"${name}"}` })).status,
      ).toBe(200);
      const listed = (await (await h.call(tokens[name], "GET", `/api/relay/channels/${channel.id}/events`)).json()) as {
        events: Array<{ id: string }>;
      };
      channels[name] = { id: channel.id, event: listed.events[0]?.id ?? "" };
    }
    let checks = 0;
    for (const actor of users) {
      for (const owner of users) {
        if (actor === owner) continue;
        const { id, event } = channels[owner] as { id: string; event: string };
        const routes: Array<[string, string, unknown?]> = [
          ["GET", `/api/relay/channels/${id}`],
          ["GET", `/api/relay/channels/${id}/events`],
          ["GET", `/api/relay/channels/${id}/events/${event}`],
          ["POST", `/api/relay/channels/${id}/events/${event}/replay`],
          ["POST", `/api/relay/channels/${id}/events/${event}/ack`, { status: 200, durationMs: 1 }],
          ["GET", `/api/relay/channels/${id}/listen`],
          ["POST", `/api/relay/webhooks/${webhooks[owner]}/channel`],
          ["DELETE", `/api/relay/channels/${id}`],
        ];
        for (const [method, path, body] of routes) {
          const res = await h.call(tokens[actor], method, path, body);
          const text = await res.text();
          expect(res.status, `${actor} ${method} ${path}`).toBe(404);
          expect(Object.keys(JSON.parse(text))).toEqual(["error"]);
          checks++;
        }
      }
      const own = (await (await h.call(tokens[actor], "GET", "/api/relay/channels")).json()) as Array<{ id: string }>;
      expect(own.map((channel) => channel.id)).toEqual([channels[actor]?.id]);
    }
    for (const owner of users) {
      const { id, event } = channels[owner] as { id: string; event: string };
      const res = await h.call(tokens[owner], "GET", `/api/relay/channels/${id}/events/${event}`);
      expect(res.status).toBe(200);
      // Still there, and never acknowledged or replayed by anyone else.
      expect(((await res.json()) as { event: { id: string; attempts?: unknown[] } }).event).toMatchObject({
        id: event,
      });
    }
    report(
      `authorization ${dialect}: ${checks} cross-user relay requests, 0 reads or writes of another user's channel`,
    );
  });

  it("refuses events from non-publishers and every call without a valid token", async () => {
    for (const name of users) {
      const res = await h.call(tokens[name], "POST", "/api/events", {
        event: { action: "update", scope: "repo" },
        repo: { type: "model", name: "a/b" },
      });
      expect(res.status).toBe(403);
    }
    for (const token of [undefined, "hf_invalid", "not-a-token"]) {
      expect((await h.call(token, "GET", "/api/settings/webhooks")).status).toBe(401);
      expect((await h.call(token, "POST", "/api/events", {})).status).toBe(401);
      expect((await h.call(token, "GET", `/api/settings/webhooks/${webhooks.amy}/deliveries`)).status).toBe(401);
    }
  });
});
