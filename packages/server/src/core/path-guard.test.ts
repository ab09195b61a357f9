import { beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, useServer } from "../test-support/harness.js";
import { over, uiSignIn } from "../test-support/ui-session.js";

describe.each(DIALECTS)("crafted URLs on %s get a 4xx, never a 5xx", (dialect) => {
  const h = useServer(dialect);
  let url = "";
  let token = "";
  let webhookId = "";
  let ui = { cookie: "", csrf: "" };
  beforeAll(async () => {
    url = await h.server.listen({ port: 0 });
    token = (await h.user("alice")).token;
    await h.call(token, "POST", "/api/repos/create", { name: "pub" });
    const res = await h.call(token, "POST", "/api/settings/webhooks", {
      url: "https://example.com/hook",
      watched: [{ type: "user", name: "alice" }],
    });
    webhookId = ((await res.json()) as { webhook: { id: string } }).webhook.id;
    ui = await uiSignIn(over(url), token, url);
  });

  /** Sent over real HTTP, exactly as written (fetch would not re-encode an already encoded path). */
  const send = async (method: string, path: string, init: RequestInit = {}) => {
    const res = await fetch(`${url}${path}`, { method, redirect: "manual", ...init });
    const text = await res.text();
    return { status: res.status, text };
  };

  it.each([
    ["GET", () => `/api/settings/webhooks/${webhookId}/deliveries/%00`],
    ["POST", () => `/api/settings/webhooks/${webhookId}/deliveries/%00/replay`],
    ["GET", () => `/api/settings/webhooks/${webhookId}/deliveries/%1b%5b2J`],
    ["GET", () => `/api/settings/webhooks/${webhookId}/deliveries/%E0%A4%A`],
    ["GET", () => "/alice%00/pub/resolve/main/README.md"],
    ["GET", () => "/alice/pub%00/discussions"],
    ["GET", () => "/alice/pub/discussions?x=%00"],
    ["GET", () => "/alice/pub/resolve/%/README.md"],
    ["GET", () => "/alice/pub/resolve/%E0%A4%A/README.md"],
    ["GET", () => "/datasets/%ff/resolve/main/x"],
  ])("%s %s → 400 JSON", async (method, path) => {
    const res = await send(method, path(), { headers: { authorization: `Bearer ${token}` } });
    expect(res.status, res.text).toBe(400);
    expect(JSON.parse(res.text)).toEqual({ error: expect.stringMatching(/path|query/i) });
  });

  it("refuses a NUL in a UI form's path before any query", async () => {
    const res = await send("POST", "/settings/webhooks/%00/enable", {
      headers: { cookie: ui.cookie, origin: url },
      body: new URLSearchParams({ _csrf: ui.csrf }),
    });
    expect(res.status, res.text).toBe(400);
  });

  it("answers a YAML alias bomb with 400, not 500", async () => {
    const bomb = [
      "---",
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...Array.from({ length: 9 }, (_, i) => {
        const prev = String.fromCharCode(97 + i);
        const next = String.fromCharCode(98 + i);
        return `${next}: &${next} [${Array(9).fill(`*${prev}`).join(",")}]`;
      }),
      "---",
    ].join("\n");
    const res = await send("POST", "/api/validate-yaml", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ content: bomb }),
    });
    expect(res.status, res.text).toBe(400);
    expect(JSON.parse(res.text).error).toMatch(/alias/i);
  });

  it("still serves well-formed encoded paths", async () => {
    const res = await send("GET", "/alice/pub/resolve/main/%2E%2Fnope.md");
    expect(res.status).toBe(404);
    const pr = await send("GET", "/alice/pub/resolve/refs%2Fpr%2F1/README.md");
    expect(pr.status).toBe(404);
  });
});
