import { beforeAll, describe, expect, it } from "vitest";
import { count, report } from "../../../../test-support/faults.js";
import { DIALECTS, useServer } from "../test-support/harness.js";
import { over, uiSignIn } from "../test-support/ui-session.js";

const REQUESTS = count(10_000, 2_000);

/** A small deterministic PRNG, so a failing request can be found again from the seed. */
function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;

/** Nine levels of nine aliases each: 9^9 nodes once expanded ("billion laughs"). */
const aliasBomb = () =>
  [
    "---",
    `a: &a [${Array(9).fill('"x"').join(",")}]`,
    ...Array.from({ length: 8 }, (_, i) => {
      const [prev, next] = [String.fromCharCode(97 + i), String.fromCharCode(98 + i)];
      return `${next}: &${next} [${Array(9).fill(`*${prev}`).join(",")}]`;
    }),
    "---",
  ].join("\n");

/** Path segments that must never reach a query: NUL, other controls, malformed or half percent-encodings. */
const CRAFTED = ["%00", "x%00", "%1b%5b2J", "%", "%E0%A4%A", "%ff", "%C0%80", "%7f"];

describe.each(DIALECTS)("fuzz: malformed requests on %s never cost a 5xx", (dialect) => {
  const h = useServer(dialect);
  let url = "";
  const tokens: Record<string, string> = {};
  let webhookId = "";
  let ui = { cookie: "", csrf: "" };
  beforeAll(async () => {
    url = await h.server.listen({ port: 0 });
    tokens.user = (await h.user("fuzz-user")).token;
    tokens.publisher = (await h.user("fuzz-hub", { publisher: true })).token;
    const res = await h.call(tokens.user, "POST", "/api/settings/webhooks", {
      url: "https://example.com/hook",
      watched: [{ type: "user", name: "fuzz-user" }],
    });
    webhookId = ((await res.json()) as { webhook: { id: string } }).webhook.id;
    // A sandbox repo with a discussion, so the sandbox's routes get past "not found" too.
    await h.call(tokens.user, "POST", "/api/repos/create", { name: "r" });
    await h.call(tokens.user, "POST", "/api/models/fuzz-user/r/discussions", { title: "Fuzz", description: "x" });
    ui = await uiSignIn(over(url), tokens.user as string, url);
  });

  /** Every crafted segment in every id and name position, each request once: 4xx JSON, never a 5xx. */
  it("answers crafted path segments and YAML alias bombs with 4xx, signed in or not", async () => {
    const auth = { authorization: `Bearer ${tokens.user}` };
    const session = { cookie: ui.cookie, origin: url, "content-type": "application/x-www-form-urlencoded" };
    const requests: Array<[string, string, Record<string, string>, string?]> = [];
    for (const bad of CRAFTED) {
      requests.push(
        ["GET", `/api/settings/webhooks/${webhookId}/deliveries/${bad}`, auth],
        ["POST", `/api/settings/webhooks/${webhookId}/deliveries/${bad}/replay`, auth],
        ["GET", `/api/settings/webhooks/${webhookId}/recover/${bad}`, auth],
        ["GET", `/api/settings/webhooks/${bad}`, auth],
        ["GET", `/api/models/fuzz-user/${bad}`, auth],
        ["GET", `/api/models/fuzz-user/r/discussions/1/comment/${bad}/edit`, auth],
        ["GET", `/fuzz-user${bad}/r/resolve/main/README.md`, {}],
        ["GET", `/fuzz-user/r/resolve/${bad}/README.md`, {}],
        ["GET", `/fuzz-user/r/resolve/main/${bad}`, {}],
        ["GET", `/datasets/${bad}/resolve/main/README.md`, {}],
        ["GET", `/fuzz-user/r${bad}/discussions`, {}],
        ["GET", `/settings/webhooks/${bad}`, { cookie: ui.cookie }],
        ["GET", `/settings/webhooks/${webhookId}/activity/${bad}`, { cookie: ui.cookie }],
        ...["enable", "disable", "delete", "signing", "test"].map(
          (action): [string, string, Record<string, string>, string] => [
            "POST",
            `/settings/webhooks/${bad}/${action}`,
            session,
            `_csrf=${ui.csrf}`,
          ],
        ),
        ["POST", `/settings/webhooks/${webhookId}/activity/${bad}/replay`, session, `_csrf=${ui.csrf}`],
      );
    }
    // A NUL in a query value is refused too (other controls in a query are data: a search may hold them).
    requests.push(["GET", "/fuzz-user/r/discussions?status=%00", {}]);
    requests.push(["GET", `/settings/webhooks/${webhookId}/activity?delivery=%00&cursor=x%00`, { cookie: ui.cookie }]);
    requests.push([
      "POST",
      "/api/validate-yaml",
      { "content-type": "application/json" },
      JSON.stringify({ content: aliasBomb() }),
    ]);
    for (const [method, path, headers, body] of requests) {
      const res = await fetch(`${url}${path}`, { method, headers, body: body ?? null, redirect: "manual" });
      const text = await res.text();
      expect(res.status, `${method} ${path}: ${text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${method} ${path}: ${text.slice(0, 200)}`).toBeLessThan(500);
    }
    report(`fuzz ${dialect}: ${requests.length} crafted paths and an alias bomb, all 4xx`);
  });

  it(`answers ${REQUESTS} malformed requests with 4xx JSON errors, never 5xx, memory bounded`, async () => {
    const random = prng(20261125);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const ids = () => [webhookId, "0123456789abcdef01234567", "zz", "a".repeat(300), "../../etc", "💥", ...CRAFTED];
    const paths = () => [
      "/api/settings/webhooks",
      `/api/settings/webhooks/${pick(ids())}`,
      `/api/settings/webhooks/${pick(ids())}/${pick(["enable", "disable", "deliveries", "nope"])}`,
      `/api/settings/webhooks/${pick(ids())}/deliveries/${pick(ids())}`,
      `/api/settings/webhooks/${pick(ids())}/deliveries/${pick(ids())}/replay`,
      `/api/settings/webhooks/${webhookId}/deliveries?limit=${pick(["-1", "abc", "1e9", "0", ""])}&cursor=${pick(["%%%", "AAAA", ""])}&status=${pick(["x", "failed", ""])}`,
      "/api/events",
      "/signin",
      "/signout",
      "/settings/webhooks",
      `/settings/webhooks/${pick(ids())}`,
      `/settings/webhooks/${pick(ids())}/activity`,
      "/health",
      "/api/relay/channels",
      `/api/relay/channels/${pick(ids())}${pick(["", "/events", "/listen", "/events/x", "/events/x/ack", "/events/x/replay"])}`,
      `/api/relay/channels/${pick(ids())}/events?limit=${pick(["-1", "abc", "1e9", "0", ""])}`,
      `/api/relay/webhooks/${pick(ids())}/channel`,
      `/relay/${pick(ids())}${pick(["", "/x", "/x?y=1"])}`,
      `/api/jobs/${pick(["fuzz-user", "nobody", ...CRAFTED])}${pick(["", `/${pick(ids())}`, `/${pick(ids())}/cancel`, `/${pick(ids())}/labels`, `/${pick(ids())}/logs?tail=${pick(["-1", "x", "1e9", "5"])}&follow=${pick(["false", "maybe"])}`])}`,
      `/api/jobs/fuzz-user?stage=${pick(["x", "RUNNING", ""])}&label=${pick(["a", "a=b", "=x"])}&limit=${pick(["0", "abc", "5"])}&cursor=${pick(["%%%", "1.zz", ""])}`,
      `/api/scheduled-jobs/${pick(["fuzz-user", "nobody", ...CRAFTED])}${pick(["", `/${pick(ids())}`, `/${pick(ids())}/run`, `/${pick(ids())}/suspend`, `/${pick(ids())}/resume`])}`,
      "/settings/relay",
      "/openapi.json",
      "/nowhere",
      "/api/whoami-v2",
      `/api/repos/${pick(["create", "delete", "move"])}`,
      "/api/validate-yaml",
      `/api/${pick(["models", "datasets", "spaces", "buckets"])}/${pick(["fuzz-user/r", "r", "a/b/c", "💥/x", "fuzz-user/%2e%2e"])}`,
      `/api/models/fuzz-user/r/${pick(["settings", "preupload/main", "revision/main"])}`,
      `/api/models/fuzz-user/r/commit/${pick(["main", "refs%2Fpr%2F1", "refs%2Fpr%2F99", "x", "%00"])}${pick(["", "?create_pr=1"])}`,
      `/api/models/fuzz-user/r/discussions${pick(["", "?p=-1", "?p=abc&type=x&status=y", "/1", "/0", "/abc", "/99999999999999999999"])}`,
      `/api/models/fuzz-user/r/discussions/${pick(["1", "2", "x"])}/${pick(["comment", "title", "status", "merge", "pin"])}`,
      `/api/models/fuzz-user/r/discussions/1/comment/${pick(ids())}/${pick(["edit", "hide"])}`,
      `/${pick(["fuzz-user/r", "datasets/fuzz-user/r", "r", "nope/nope", `fuzz-user${pick(CRAFTED)}/r`])}/discussions${pick(["", "/1", "/x"])}`,
      `/${pick(["fuzz-user/r", "datasets/r", "spaces/fuzz-user/r", `${pick(CRAFTED)}/r`])}/resolve/${pick(["main", "refs%2Fpr%2F1", ...CRAFTED])}/${pick(["README.md", ...CRAFTED])}`,
      `/settings/webhooks/${pick(ids())}/${pick(["enable", "disable", "delete", "signing", "test", "activity/x", `activity/${pick(CRAFTED)}/replay`])}`,
    ];
    const bodies = () => [
      "{not json",
      "",
      "null",
      "[]",
      "123",
      '"string"',
      '{"url": 5, "watched": "no"}',
      '{"url": "https://e.x", "watched": [{"type": "user", "name": "\u0000"}]}',
      JSON.stringify({ url: `https://e.x/${"é".repeat(2000)}`, watched: [{ type: "user", name: "x" }] }),
      JSON.stringify({ url: "https://e.x", watched: [{ type: "user", name: "x".repeat(100_000) }] }),
      `{"event": ${deep(5000)}}`,
      `[${Array.from({ length: 3 }, () => `{"event":{"action":"update","scope":"repo"},"repo":{"type":"model","name":"a/b"},"updatedConfig":${deep(200)}}`).join(",")}]`,
      JSON.stringify({ event: { action: "update", scope: "repo" }, repo: { type: "model", name: "💥/x" } }),
      JSON.stringify(Array.from({ length: 1001 }, () => ({}))),
      "token=hf_x&_csrf=y",
      `_csrf=${ui.csrf}&back=/settings/webhooks/x`,
      JSON.stringify({ content: aliasBomb() }),
      '{"key":"header","value":{"summary":"x"}}\n{"key":"file","value":{"path":"a","content":"!!!","encoding":"base64"}}',
      '{"key":"header","value":{"summary":"x"}}\n{"key":"lfsFile","value":{"path":"a"}}\n',
      '{"key":"header","value":null}\n{"key":"deletedFolder","value":{"path":"/"}}',
      '{"name": "r2", "organization": "💥", "type": "bucket"}',
      '{"fromRepo": "fuzz-user/r", "toRepo": "x", "type": "model"}',
      '{"title": "", "description": 5, "pullRequest": "yes"}',
      '{"comment": ""}',
      '{"command": ["true"], "dockerImage": "u", "timeoutSeconds": 1e99, "environment": {"A": ["x"]}}',
      '{"command": ["true"], "spaceId": "a/b", "labels": {"k": "v"}, "secrets": {"S": "x"}}',
      '{"jobSpec": {"command": ["true"], "dockerImage": "u"}, "schedule": "61 * * * *"}',
      '{"jobSpec": {"command": ["true"], "dockerImage": "u"}, "schedule": "@hourly", "suspend": "no"}',
      '{"labels": {"a b": "c"}}',
      '{"status": "merged"}',
      '{"files": [{"path": "a", "size": -1}]}',
      '{"content": "---\\n: : :\\n---"}',
      '{"visibility": "protected", "gated": "sometimes"}',
      "x".repeat(70 * 1024),
    ];
    const statuses = new Map<number, number>();
    let peakRss = 0;
    for (let i = 0; i < REQUESTS; i++) {
      const method = pick(["GET", "POST", "PATCH", "DELETE", "PUT"]);
      const path = pick(paths());
      const headers: Record<string, string> = {};
      const tokenKind = pick(["user", "publisher", "bad", "none", "malformed", "session"]);
      if (tokenKind === "session") Object.assign(headers, { cookie: ui.cookie, origin: url });
      if (tokenKind === "user" || tokenKind === "publisher") headers.authorization = `Bearer ${tokens[tokenKind]}`;
      if (tokenKind === "bad") headers.authorization = "Bearer hf_notarealtoken";
      if (tokenKind === "malformed") headers.authorization = pick(["Basic abc", "Bearer", "Bearer a b", "💥"]);
      headers["content-type"] = pick([
        "application/json",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/json; charset=latin1",
      ]);
      const init: RequestInit = { method, headers, redirect: "manual" };
      if (method !== "GET") init.body = random() < 0.01 ? "x".repeat(5 * 1024 * 1024) : pick(bodies());
      let res: Response;
      try {
        res = await fetch(`${url}${path}`, init);
      } catch (_error) {
        // The server may close the connection after an oversized body is refused; that is not a crash.
        statuses.set(0, (statuses.get(0) ?? 0) + 1);
        continue;
      }
      const text = await res.text();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      expect(res.status, `${method} ${path}: ${text.slice(0, 200)}`).toBeLessThan(500);
      if (path.startsWith("/api/") && res.status >= 400) {
        const body = JSON.parse(text) as { error?: unknown };
        expect(typeof body.error, `${method} ${path}`).toBe("string");
      }
      if (i % 100 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    const histogram = [...statuses]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `${status}×${n}`)
      .join(" ");
    report(
      `fuzz ${dialect}: ${REQUESTS} requests, statuses ${histogram}, no 5xx, peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`,
    );
    expect(peakRss).toBeLessThan(1024 * 2 ** 20);
  }, 300_000);
});
