import { beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, useServer } from "../test-support/harness.js";

const BASE = "/api/settings/webhooks";
const watched = [
  { type: "user", name: "julien-c" },
  { type: "org", name: "HuggingFaceH4" },
];

describe.each(DIALECTS)("management API on %s", (dialect) => {
  const h = useServer(dialect);
  let alice: string;
  let bob: string;
  beforeAll(async () => {
    alice = (await h.user("alice")).token;
    bob = (await h.user("bob")).token;
  });

  async function create(token: string, body: object = {}) {
    const res = await h.call(token, "POST", BASE, { url: "https://example.com/hook", watched, ...body });
    expect(res.status).toBe(200);
    return ((await res.json()) as { webhook: Record<string, unknown> }).webhook;
  }

  async function expectError(res: Response, status: number, message: RegExp) {
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: string };
    expect(body.error).toMatch(message);
    expect(res.headers.get("X-Error-Message")).toBeTruthy();
  }

  it("creates a webhook with every field and the Hub's shape", async () => {
    const webhook = await create(alice, { domains: ["repo", "discussion"], secret: "my-secret" });
    expect(webhook.id).toMatch(/^[0-9a-f]{24}$/);
    expect(webhook).toMatchObject({
      url: "https://example.com/hook",
      watched,
      domains: ["repo", "discussion"],
      secret: "my-secret",
      disabled: false,
    });
    expect(Date.parse(webhook.createdAt as string)).toBeGreaterThan(0);
    expect(Date.parse(webhook.updatedAt as string)).toBeGreaterThan(0);
  });

  it("defaults domains to repo and discussion, and the secret to null", async () => {
    const webhook = await create(alice);
    expect(webhook.domains).toEqual(["repo", "discussion"]);
    expect(webhook.secret).toBeNull();
  });

  it("treats null values as not given", async () => {
    const webhook = await create(alice, { domains: null, secret: null });
    expect(webhook.domains).toEqual(["repo", "discussion"]);
    expect(webhook.secret).toBeNull();
  });

  it('accepts "discussions" and returns "discussion", deduplicated', async () => {
    const webhook = await create(alice, { domains: ["discussions", "discussion"] });
    expect(webhook.domains).toEqual(["discussion"]);
  });

  it("watches a single repo, several repos of each type", async () => {
    const repos = [
      { type: "model", name: "openai-community/gpt2" },
      { type: "dataset", name: "rajpurkar/squad" },
      { type: "space", name: "Wauplin/leaderboard" },
    ];
    expect((await create(alice, { watched: repos.slice(0, 1) })).watched).toEqual(repos.slice(0, 1));
    expect((await create(alice, { watched: repos })).watched).toEqual(repos);
  });

  it("ignores unknown keys", async () => {
    const webhook = await create(alice, { color: "blue", watched: [{ type: "user", name: "x", extra: 1 }] });
    expect(webhook.watched).toEqual([{ type: "user", name: "x" }]);
    expect(webhook).not.toHaveProperty("color");
  });

  it("lists only the caller's webhooks, as a bare array", async () => {
    const mine = await create(bob, { url: "https://bob.example/hook" });
    const res = await h.call(bob, "GET", BASE);
    expect(res.status).toBe(200);
    const list = (await res.json()) as Array<{ id: string }>;
    expect(Array.isArray(list)).toBe(true);
    expect(list.map((w) => w.id)).toEqual([mine.id]);
    const aliceList = (await (await h.call(alice, "GET", BASE)).json()) as Array<{ id: string }>;
    expect(aliceList.map((w) => w.id)).not.toContain(mine.id);
    expect(aliceList.length).toBeGreaterThan(0);
  });

  it("gets one webhook wrapped in {webhook}", async () => {
    const created = await create(alice);
    const res = await h.call(alice, "GET", `${BASE}/${created.id}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ webhook: created });
  });

  it("updates with POST or PATCH, changing only what is given", async () => {
    const created = await create(alice, { secret: "s1", domains: ["repo"] });
    // The Python client always sends watched: [] when the caller does not change it.
    let res = await h.call(alice, "POST", `${BASE}/${created.id}`, { watched: [], url: "https://new.example/x" });
    expect(res.status).toBe(200);
    let { webhook } = (await res.json()) as { webhook: Record<string, unknown> };
    expect(webhook).toMatchObject({ url: "https://new.example/x", watched, domains: ["repo"], secret: "s1" });

    res = await h.call(alice, "PATCH", `${BASE}/${created.id}`, {
      watched: [{ type: "model", name: "a/b" }],
      domains: ["discussions"],
      secret: null,
    });
    ({ webhook } = (await res.json()) as { webhook: Record<string, unknown> });
    expect(webhook).toMatchObject({ url: "https://new.example/x", watched: [{ type: "model", name: "a/b" }] });
    expect(webhook).toMatchObject({ domains: ["discussion"], secret: "s1" });

    res = await h.call(alice, "POST", `${BASE}/${created.id}`, { secret: "" });
    ({ webhook } = (await res.json()) as { webhook: Record<string, unknown> });
    expect(webhook.secret).toBeNull();
  });

  it("disables and enables with an empty POST", async () => {
    const created = await create(alice);
    const off = await h.server.app.request(`${BASE}/${created.id}/disable`, {
      method: "POST",
      headers: { Authorization: `Bearer ${alice}` },
    });
    expect(((await off.json()) as { webhook: { disabled: boolean } }).webhook.disabled).toBe(true);
    const got = (await (await h.call(alice, "GET", `${BASE}/${created.id}`)).json()) as { webhook: object };
    expect(got.webhook).toMatchObject({ disabled: true });
    const on = await h.call(alice, "POST", `${BASE}/${created.id}/enable`);
    expect(((await on.json()) as { webhook: { disabled: boolean } }).webhook.disabled).toBe(false);
  });

  it("deletes, then answers 404", async () => {
    const created = await create(alice);
    const res = await h.call(alice, "DELETE", `${BASE}/${created.id}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    await expectError(await h.call(alice, "GET", `${BASE}/${created.id}`), 404, /not found/i);
    await expectError(await h.call(alice, "DELETE", `${BASE}/${created.id}`), 404, /not found/i);
  });

  describe("validation", () => {
    const cases: Array<[string, unknown, RegExp]> = [
      ["a URL that is not a URL", { url: "not a url", watched }, /url.*absolute http\(s\) URL/],
      ["an ftp URL", { url: "ftp://x", watched }, /url.*absolute http\(s\) URL/],
      ["a relative URL", { url: "/hook", watched }, /url/],
      ["a missing URL", { watched }, /url is required/],
      ["a job id that is no job id", { jobSourceId: "job-1", watched }, /jobSourceId must be a job id/],
      [
        "both a URL and a job",
        { url: "https://e.x/h", jobSourceId: "687f911eaea852de79c4a50a", watched },
        /url or jobSourceId, not both/,
      ],
      ["no watched", { url: "https://e.x/h" }, /watched/],
      ["empty watched", { url: "https://e.x/h", watched: [] }, /watched must contain at least one item/],
      [
        "an unknown watched type",
        { url: "https://e.x/h", watched: [{ type: "repo", name: "a/b" }] },
        /type must be one of/,
      ],
      [
        "a repo name with three segments",
        { url: "https://e.x/h", watched: [{ type: "model", name: "a/b/c" }] },
        /"name" or "namespace\/name"/,
      ],
      [
        "a user name with a slash",
        { url: "https://e.x/h", watched: [{ type: "user", name: "a/b" }] },
        /not a valid user name/,
      ],
      ["an unknown domain", { url: "https://e.x/h", watched, domains: ["repos"] }, /domain must be/],
      ["empty domains", { url: "https://e.x/h", watched, domains: [] }, /domains must not be empty/],
      ["a non-ASCII secret", { url: "https://e.x/h", watched, secret: "sécret" }, /ASCII/],
      ["a too long secret", { url: "https://e.x/h", watched, secret: "s".repeat(513) }, /at most 512/],
      ["an array body", [{ url: "https://e.x/h" }], /JSON object/],
    ];
    it.each(cases)("rejects %s with 400", async (_, body, message) => {
      await expectError(await h.call(alice, "POST", BASE, body), 400, message);
    });

    it("accepts the seed's create_webhook example with canonical repo names", async () => {
      const body = {
        url: "https://e.x/h",
        watched: [
          { type: "model", name: "bert-base-uncased" },
          { type: "dataset", name: "squad" },
        ],
      };
      const res = await h.call(alice, "POST", BASE, body);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { webhook: { watched: unknown } }).webhook.watched).toEqual(body.watched);
    });

    it("rejects a body nested 5000 levels deep with 400 naming where", async () => {
      const body = `{"url": "https://e.x/h", "extra": ${"[".repeat(5000)}${"]".repeat(5000)}}`;
      await expectError(await h.call(alice, "POST", BASE, body), 400, /^extra(\[0\])+: nested deeper than 64 levels/);
    });

    it("rejects malformed JSON with 400", async () => {
      await expectError(await h.call(alice, "POST", BASE, "{not json"), 400, /Malformed JSON/);
    });

    it("rejects a body over 64 KiB with 413", async () => {
      const body = { url: "https://e.x/h", watched, padding: "x".repeat(70_000) };
      await expectError(await h.call(alice, "POST", BASE, body), 413, /larger than/);
    });

    it("rejects a bad update and leaves the webhook unchanged", async () => {
      const created = await create(alice);
      await expectError(await h.call(alice, "POST", `${BASE}/${created.id}`, { url: "nope" }), 400, /url/);
      const after = (await (await h.call(alice, "GET", `${BASE}/${created.id}`)).json()) as { webhook: object };
      expect(after.webhook).toEqual(created);
    });

    it("answers 404 for ids that are not ObjectIds", async () => {
      await expectError(await h.call(alice, "GET", `${BASE}/not-an-id`), 404, /not found/i);
    });
  });

  describe("authorization", () => {
    let alicesHook: Record<string, unknown>;
    beforeAll(async () => {
      alicesHook = await create(alice, { secret: "alice-secret" });
    });

    const routes = (id: string): Array<[string, string, unknown?]> => [
      ["GET", BASE],
      ["POST", BASE, { url: "https://e.x/h", watched }],
      ["GET", `${BASE}/${id}`],
      ["POST", `${BASE}/${id}`, { url: "https://evil.example/h" }],
      ["PATCH", `${BASE}/${id}`, { url: "https://evil.example/h" }],
      ["POST", `${BASE}/${id}/enable`],
      ["POST", `${BASE}/${id}/disable`],
      ["DELETE", `${BASE}/${id}`],
    ];

    it("answers 401 without a token or with a wrong one on every route", async () => {
      for (const [method, path, body] of routes(alicesHook.id as string)) {
        await expectError(await h.call(undefined, method, path, body), 401, /token/i);
        await expectError(await h.call("hf_wrongwrongwrong", method, path, body), 401, /Invalid access token/);
      }
    });

    it("answers 404 for another user's webhook on every verb, and it stays unchanged", async () => {
      for (const [method, path, body] of routes(alicesHook.id as string).slice(2)) {
        await expectError(await h.call(bob, method, path, body), 404, /not found/i);
      }
      const after = (await (await h.call(alice, "GET", `${BASE}/${alicesHook.id}`)).json()) as { webhook: object };
      expect(after.webhook).toEqual(alicesHook);
    });
  });
});
