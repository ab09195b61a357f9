import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestReceiver } from "../../../../test-support/receiver.js";
import { DIALECTS, useServer, waitUntil } from "../test-support/harness.js";
import { OBJECT_ID, SHA, sandboxKit } from "../test-support/sandbox-kit.js";

describe.each(DIALECTS)("sandbox repos on %s", (dialect) => {
  const h = useServer(dialect, { worker: true, delivery: { publicHubUrl: "http://hub.test" } });
  const receiver = new TestReceiver();
  const kit = sandboxKit(h, receiver);
  let alice: { id: string; token: string };
  let bob: { id: string; token: string };
  beforeAll(async () => {
    await receiver.start();
    alice = await h.user("alice");
    bob = await h.user("bob");
  });
  afterAll(() => receiver.stop());

  it("answers whoami-v2 with the id that authors every change", async () => {
    const me = await kit.json(h.call(alice.token, "GET", "/api/whoami-v2"));
    expect(me).toMatchObject({ type: "user", id: alice.id, name: "alice", orgs: [], auth: { type: "access_token" } });
    expect((await h.call(undefined, "GET", "/api/whoami-v2")).status).toBe(401);
  });

  it("creates a repo as huggingface_hub asks, fires repo create to namespace watches only, and refuses a second", async () => {
    await kit.webhook(alice.token, "/ns", [{ type: "user", name: "alice" }], ["repo"]);
    await kit.webhook(alice.token, "/by-name", [{ type: "model", name: "alice/demo" }], ["repo"]);
    // huggingface_hub 2.x create_repo: {"name", "organization", "visibility"?, "type"?}
    const created = await kit.json(
      h.call(alice.token, "POST", "/api/repos/create", { name: "demo", organization: null }),
    );
    expect(created).toEqual({
      url: "http://hub.test/alice/demo",
      name: "alice/demo",
      id: expect.stringMatching(OBJECT_ID),
    });
    const [payload] = await kit.payloads("/ns", 1);
    expect(payload).toEqual({
      event: { action: "create", scope: "repo" },
      repo: {
        type: "model",
        name: "alice/demo",
        id: created.id,
        private: false,
        url: { web: "http://hub.test/alice/demo", api: "http://hub.test/api/models/alice/demo" },
        owner: { id: alice.id },
        headSha: expect.stringMatching(SHA),
      },
      updatedRefs: [{ ref: "refs/heads/main", oldSha: null, newSha: payload?.repo.headSha }],
      webhook: { id: expect.stringMatching(OBJECT_ID), version: 3 },
    });
    expect(kit.received("/by-name")).toHaveLength(0);
    const again = await h.call(alice.token, "POST", "/api/repos/create", { name: "demo", type: "model" });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ url: "http://hub.test/alice/demo" });
    const foreign = await h.call(alice.token, "POST", "/api/repos/create", { name: "x", organization: "bob" });
    expect(foreign.status).toBe(403);
    const invalid = await h.call(alice.token, "POST", "/api/repos/create", { name: "no spaces" });
    expect(invalid.status).toBe(400);
  });

  it("creating one name five times at once makes one repo and four 409s, never a 500", async () => {
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => h.call(alice.token, "POST", "/api/repos/create", { name: "race" })),
    );
    expect(answers.map((res) => res.status).sort()).toEqual([200, 409, 409, 409, 409]);
  });

  it("shows repo info as ModelInfo reads it; a private repo is RepoNotFound to others", async () => {
    const info = await kit.json(h.call(undefined, "GET", "/api/models/alice/demo"));
    expect(info).toMatchObject({ id: "alice/demo", author: "alice", private: false, sha: expect.stringMatching(SHA) });
    expect(info.siblings).toEqual([{ rfilename: ".gitattributes" }]);
    await kit.json(h.call(alice.token, "POST", "/api/repos/create", { name: "secret", visibility: "private" }));
    const hidden = await h.call(bob.token, "GET", "/api/models/alice/secret");
    expect(hidden.status).toBe(404);
    expect(hidden.headers.get("X-Error-Code")).toBe("RepoNotFound");
    expect((await kit.json(h.call(alice.token, "GET", "/api/models/alice/secret"))).private).toBe(true);
  });

  it("a repo made private stops reaching outsiders at once; settings fire repo.config with updatedConfig", async () => {
    await kit.json(h.call(alice.token, "POST", "/api/repos/create", { name: "shared" }));
    await kit.webhook(alice.token, "/owner", [{ type: "model", name: "alice/shared" }], ["repo"]);
    await kit.webhook(bob.token, "/outsider", [{ type: "model", name: "alice/shared" }], ["repo"]);
    const res = await h.call(alice.token, "PUT", "/api/models/alice/shared/settings", { visibility: "private" });
    expect(res.status).toBe(200);
    const [config] = await kit.payloads("/owner", 1);
    expect(config).toMatchObject({
      event: { action: "update", scope: "repo.config" },
      repo: { name: "alice/shared", private: true },
      updatedConfig: { private: true },
    });
    // bob no longer may read it: neither the config event nor anything after reaches him.
    const commit = `${JSON.stringify({ key: "header", value: { summary: "x" } })}\n${JSON.stringify({ key: "file", value: { path: "a.txt", content: "YQ==", encoding: "base64" } })}\n`;
    expect((await h.call(alice.token, "POST", "/api/models/alice/shared/commit/main", commit)).status).toBe(200);
    await kit.payloads("/owner", 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(kit.received("/outsider")).toHaveLength(0);
    expect((await h.call(bob.token, "PUT", "/api/models/alice/shared/settings", { private: false })).status).toBe(404);
  });

  it("moves a repo (repo move with movedTo) and deletes it (repo delete); a missing repo is RepoNotFound", async () => {
    await kit.json(h.call(alice.token, "POST", "/api/repos/create", { name: "old" }));
    await kit.webhook(alice.token, "/moves", [{ type: "model", name: "alice/old" }], ["repo"]);
    await kit.json(
      h.call(alice.token, "POST", "/api/repos/move", { fromRepo: "alice/old", toRepo: "alice/new", type: "model" }),
    );
    const [moved] = await kit.payloads("/moves", 1);
    expect(moved).toMatchObject({
      event: { action: "move", scope: "repo" },
      repo: { name: "alice/old" },
      movedTo: { name: "alice/new", owner: { id: alice.id } },
    });
    // Issue 22: the old name redirects to the new one, as on the Hub (it was a 404 before).
    const old = await h.call(alice.token, "GET", "/api/models/alice/old");
    expect(old.status).toBe(307);
    expect(old.headers.get("Location")).toBe("/api/models/alice/new");
    await kit.webhook(alice.token, "/deletes", [{ type: "model", name: "alice/new" }], ["repo"]);
    const gone = await h.call(alice.token, "DELETE", "/api/repos/delete", {
      name: "new",
      organization: "alice",
      type: "model",
    });
    expect(gone.status).toBe(200);
    const [deleted] = await kit.payloads("/deletes", 1);
    expect(deleted).toMatchObject({ event: { action: "delete", scope: "repo" }, repo: { name: "alice/new" } });
    const missing = await h.call(alice.token, "DELETE", "/api/repos/delete", { name: "new", organization: "alice" });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("X-Error-Code")).toBe("RepoNotFound");
    await waitUntil(() => true);
  });
});

describe("sandbox requests and the per-token API limit", () => {
  const h = useServer("sqlite", { delivery: { apiRateLimit: { perMinute: 3, publishers: false } } });

  it("counts each sandbox request once against the token's limit", async () => {
    const carol = await h.user("carol");
    await h.call(carol.token, "POST", "/api/repos/create", { name: "r" });
    const second = await h.call(carol.token, "GET", "/api/models/carol/r/discussions");
    expect(second.headers.get("X-RateLimit-Remaining")).toBe("1");
    expect((await h.call(carol.token, "GET", "/api/models/carol/r")).status).toBe(200);
    expect((await h.call(carol.token, "GET", "/api/models/carol/r")).status).toBe(429);
    // Anonymous reads of public repos are not tied to a token.
    expect((await h.call(undefined, "GET", "/api/models/carol/r")).status).toBe(200);
  });
});

describe("canonical sandbox repos", () => {
  const h = useServer("postgres");

  it("a publisher creates gpt2 (no namespace); its routes and discussions work like any repo's", async () => {
    const hub = await h.user("hub", { publisher: true });
    const dave = await h.user("dave");
    const refused = await h.call(dave.token, "POST", "/api/repos/create", { name: "gpt2", canonical: true });
    expect(refused.status).toBe(403);
    const created = await h.call(hub.token, "POST", "/api/repos/create", { name: "gpt2", canonical: true });
    expect(await created.json()).toMatchObject({ name: "gpt2" });
    expect(((await (await h.call(undefined, "GET", "/api/models/gpt2")).json()) as { id: string }).id).toBe("gpt2");
    const opened = await h.call(dave.token, "POST", "/api/models/gpt2/discussions", { title: "Hi", description: "x" });
    expect(((await opened.json()) as { num: number }).num).toBe(1);
    const details = await h.call(undefined, "GET", "/api/models/gpt2/discussions/1");
    expect(((await details.json()) as { repo: { name: string } }).repo.name).toBe("gpt2");
  });
});
