import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestReceiver } from "../../../../test-support/receiver.js";
import { createOrg } from "../accounts/org-store.js";
import { DIALECTS, useServer } from "../test-support/harness.js";

type Watch = { type: string; name: string };

describe.each(DIALECTS)("matching on %s", (dialect) => {
  // No worker: this suite reads the outbox rows that ingest creates.
  const h = useServer(dialect);
  const receiver = new TestReceiver();
  const tokens: Record<string, string> = {};
  let hub: string;
  beforeAll(async () => {
    await receiver.start();
    for (const name of ["ana", "ben", "cat"]) tokens[name] = (await h.user(name)).token;
    hub = (await h.user("hub", { publisher: true })).token;
    await createOrg(h.server.db, "acme", ["ben"]);
  });
  afterAll(() => receiver.stop());

  async function hook(user: string, watched: Watch[], domains?: string[]) {
    const res = await h.call(tokens[user], "POST", "/api/settings/webhooks", {
      url: `${receiver.url}/${user}`,
      watched,
      ...(domains && { domains }),
    });
    return ((await res.json()) as { webhook: { id: string } }).webhook.id;
  }

  /** The ids of the webhooks a published event creates deliveries for. */
  async function matched(event: object): Promise<string[]> {
    const res = await h.call(hub, "POST", "/api/events", event);
    expect(res.status).toBe(202);
    const { eventId } = (await res.json()) as { eventId: string };
    const rows = await h.server.db
      .selectFrom("deliveries")
      .select("webhook_id")
      .where("event_id", "=", eventId)
      .execute();
    return rows.map((row) => row.webhook_id).sort();
  }

  const repoEvent = (name: string, scope = "repo.content", extra: object = {}) => ({
    event: { action: "update", scope },
    repo: { type: "model", name, ...extra },
  });
  const discussionEvent = (name: string, scope = "discussion", extra: object = {}) => ({
    event: { action: "create", scope },
    repo: { type: "model", name, ...extra },
    discussion: { num: 1, title: "Hi" },
    comment: { content: "hello" },
  });

  it("matches repo watches, user watches and org watches, and nothing else", async () => {
    const repoWatch = await hook("ana", [{ type: "model", name: "acme/bert" }]);
    const orgWatch = await hook("ana", [{ type: "org", name: "acme" }]);
    const userWatch = await hook("ana", [{ type: "user", name: "cat" }]);
    const otherType = await hook("ana", [{ type: "dataset", name: "acme/bert" }]);
    expect(await matched(repoEvent("acme/bert"))).toEqual([repoWatch, orgWatch].sort());
    expect(await matched(repoEvent("acme/other"))).toEqual([orgWatch]);
    expect(await matched(repoEvent("cat/model"))).toEqual([userWatch]);
    expect(await matched(repoEvent("nobody/model"))).toEqual([]);
    expect(otherType).toBeTruthy();
  });

  it("routes each scope to its domain, including unknown narrower scopes", async () => {
    const repoOnly = await hook("ana", [{ type: "user", name: "dom" }], ["repo"]);
    const discussionOnly = await hook("ana", [{ type: "user", name: "dom" }], ["discussion"]);
    const both = await hook("ana", [{ type: "user", name: "dom" }]);
    for (const scope of ["repo", "repo.content", "repo.config", "repo.config.dois"]) {
      expect(await matched(repoEvent("dom/m", scope)), scope).toEqual([repoOnly, both].sort());
    }
    for (const scope of ["discussion", "discussion.comment"]) {
      expect(await matched(discussionEvent("dom/m", scope)), scope).toEqual([discussionOnly, both].sort());
    }
  });

  it("skips disabled webhooks", async () => {
    const id = await hook("ana", [{ type: "user", name: "off" }]);
    await h.call(tokens.ana, "POST", `/api/settings/webhooks/${id}/disable`);
    expect(await matched(repoEvent("off/m"))).toEqual([]);
  });

  it("delivers private repo events only to the namespace user or members of the namespace org", async () => {
    const anaOwn = await hook("ana", [{ type: "user", name: "ana" }]);
    const benOnAna = await hook("ben", [{ type: "user", name: "ana" }]);
    const benOnAcme = await hook("ben", [{ type: "org", name: "acme" }]);
    const catOnAcme = await hook("cat", [{ type: "model", name: "acme/secret" }]);
    expect(await matched(repoEvent("ana/private", "repo.content", { private: true }))).toEqual([anaOwn]);
    expect(await matched(repoEvent("ana/public"))).toEqual([anaOwn, benOnAna].sort());
    const acme = await matched(repoEvent("acme/secret", "repo.content", { private: true }));
    expect(acme).toContain(benOnAcme);
    expect(acme).not.toContain(catOnAcme);
  });

  it("matches canonical repos (no namespace) on their exact name only", async () => {
    const exact = await hook("ana", [{ type: "model", name: "gpt2" }]);
    // A user named like a canonical repo is not its namespace.
    const namesake = (await h.user("gpt2")).token;
    const res = await h.call(namesake, "POST", "/api/settings/webhooks", {
      url: `${receiver.url}/gpt2`,
      watched: [{ type: "user", name: "gpt2" }],
    });
    expect(res.status).toBe(200);
    expect(await matched(repoEvent("gpt2"))).toEqual([exact]);
    expect(await matched(repoEvent("gpt2/other"))).not.toContain(exact);
  });

  it("answers 400, not 500, to an event nested 5000 levels deep", async () => {
    const deep = `${'{"a":'.repeat(5000)}1${"}".repeat(5000)}`;
    const body = `{"event":{"action":"update","scope":"repo.config"},"repo":{"type":"model","name":"a/b"},"updatedConfig":${deep}}`;
    const res = await h.call(hub, "POST", "/api/events", body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(
      /^updatedConfig(\.a)+: nested deeper than 64 levels/,
    );
  });

  it("answers 403 to a user who is not a publisher, and 400 with a clear message to a bad event", async () => {
    const res = await h.call(tokens.ana, "POST", "/api/events", repoEvent("ana/x"));
    expect(res.status).toBe(403);
    const cases: Array<[object, RegExp]> = [
      [
        { event: { action: "update", scope: "repo" }, repo: { type: "model", name: "a/b/c" } },
        /repo.name must be "name" or "namespace\/name"/,
      ],
      [
        { ...repoEvent("a/b"), updatedConfig: JSON.parse(`${'{"a":'.repeat(20)}1${"}".repeat(20)}`) },
        /updatedConfig: nested deeper than 16 levels/,
      ],
      [
        { event: { action: "explode", scope: "repo" }, repo: { type: "model", name: "a/b" } },
        /event.action must be one of/,
      ],
      [
        { event: { action: "update", scope: "billing" }, repo: { type: "model", name: "a/b" } },
        /event.scope must start with/,
      ],
      [
        { event: { action: "update", scope: "repo" }, repo: { type: "bucket", name: "a/b" } },
        /repo.type must be one of/,
      ],
      [
        { event: { action: "create", scope: "discussion" }, repo: { type: "model", name: "a/b" } },
        /needs a discussion/,
      ],
      [
        { ...repoEvent("a/b"), updatedRefs: [{ ref: "refs/heads/main", oldSha: "xyz", newSha: null }] },
        /updatedRefs.0.oldSha/,
      ],
    ];
    for (const [body, message] of cases) {
      const bad = await h.call(hub, "POST", "/api/events", body);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: string }).error).toMatch(message);
    }
    expect((await h.call(hub, "POST", "/api/events", "[")).status).toBe(400);
  });

  it("accepts a batch and answers per event", async () => {
    const id = await hook("ana", [{ type: "user", name: "batch" }]);
    const res = await h.call(hub, "POST", "/api/events", [
      repoEvent("batch/a"),
      repoEvent("batch/b"),
      repoEvent("zzz/c"),
    ]);
    expect(res.status).toBe(202);
    const { events } = (await res.json()) as { events: Array<{ eventId: string; deliveries: number }> };
    expect(events.map((e) => e.deliveries)).toEqual([1, 1, 0]);
    expect(id).toBeTruthy();
  });
});
