import { EXAMPLE_DISCUSSION_CREATED, EXAMPLE_REPO_CONTENT_UPDATED } from "@hubhooks/schemas";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ReceiverLogger } from "./core/types.js";
import { WebhooksServer } from "./webhooks-server.js";

const SECRET = "my_webhook_secret";
const silent: ReceiverLogger = { info: () => {}, warn: () => {}, error: () => {} };

function post(app: WebhooksServer, path: string, body: unknown, headers: Record<string, string> = {}) {
  return app.fetch(
    new Request(`http://localhost${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}

describe("registering webhooks (ported from huggingface_hub)", () => {
  it("uses the function name as the implicit path", () => {
    const app = new WebhooksServer({ logger: silent });
    expect(app.addWebhook(async function handler() {})).toBe("/webhooks/handler");
  });

  it("puts explicit paths under /webhooks/", () => {
    const app = new WebhooksServer({ logger: silent });
    expect(app.addWebhook("/test_webhook", () => null)).toBe("/webhooks/test_webhook");
    expect(app.addWebhook("say_hello/", () => null)).toBe("/webhooks/say_hello");
    expect(app.paths).toEqual(["/webhooks/test_webhook", "/webhooks/say_hello"]);
  });

  it("refuses a duplicate path at registration", () => {
    const app = new WebhooksServer({ logger: silent });
    app.addWebhook("my_webhook", () => null);
    expect(() => app.addWebhook("my_webhook", () => null)).toThrow("Webhook /webhooks/my_webhook already exists.");
  });

  it("refuses an anonymous handler without a path, and an invalid path", () => {
    const app = new WebhooksServer({ logger: silent });
    expect(() => app.addWebhook(() => null)).toThrow(/anonymous handler needs a path/);
    expect(() => app.addWebhook("a b", () => null)).toThrow(/not a valid webhook path/);
  });

  it("says whether the secret is defined, from the option or WEBHOOK_SECRET", () => {
    const info = vi.fn();
    const warn = vi.fn();
    const logger = { ...silent, info, warn };
    new WebhooksServer({ webhookSecret: "x", logger });
    expect(info).toHaveBeenCalledWith("Webhook secret is correctly defined.");
    vi.stubEnv("WEBHOOK_SECRET", "from-env");
    expect(new WebhooksServer({ logger }).secret).toBe("from-env");
    vi.unstubAllEnvs();
    vi.stubEnv("WEBHOOK_SECRET", "");
    new WebhooksServer({ logger });
    expect(warn.mock.calls[0]?.[0]).toMatch(/open to everyone[\s\S]*WEBHOOK_SECRET/);
    vi.unstubAllEnvs();
  });
});

describe("handling deliveries (ported from huggingface_hub)", () => {
  const app = new WebhooksServer({ webhookSecret: SECRET, logger: silent });
  app.addWebhook("/test_webhook", (payload) => ({ scope: payload.event.scope }));
  app.addWebhook(async function async_handler() {
    return { success: true };
  });
  app.addWebhook(function sync_handler() {
    return { success: true };
  });
  app.addWebhook(async function async_with_request(_payload, { request }) {
    return { success: request instanceof Request };
  });
  app.addWebhook(function sync_with_request(_payload, { request }) {
    return { success: request instanceof Request };
  });
  app.addWebhook("/explicit_path", () => ({ success: true }));

  it("answers 200 with the handler's JSON for a valid secret and discussion payload", async () => {
    const res = await post(app, "/webhooks/test_webhook", EXAMPLE_DISCUSSION_CREATED, { "x-webhook-secret": SECRET });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ scope: "discussion" });
  });

  it.each(["async_handler", "sync_handler", "async_with_request", "sync_with_request", "explicit_path"])(
    "%s: 200 with the secret, 401 without, 403 with a wrong one",
    async (name) => {
      const path = `/webhooks/${name}`;
      const ok = await post(app, path, EXAMPLE_DISCUSSION_CREATED, { "x-webhook-secret": SECRET });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ success: true });
      const missing = await post(app, path, EXAMPLE_DISCUSSION_CREATED);
      expect(missing.status).toBe(401);
      expect(await missing.json()).toEqual({ error: "x-webhook-secret header not set." });
      const wrong = await post(app, path, EXAMPLE_DISCUSSION_CREATED, { "x-webhook-secret": "wrong" });
      expect(wrong.status).toBe(403);
      expect(await wrong.json()).toEqual({ error: "Invalid webhook secret." });
    },
  );
});

describe("launch()", () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    vi.unstubAllEnvs();
  });

  it("prints the ready message and one line per route, and serves on a real socket", async () => {
    const app = new WebhooksServer({ webhookSecret: SECRET, logger: silent });
    app.addWebhook("/test_webhook", (payload) => ({ scope: payload.event.scope, sha: payload.repo.headSha }));
    const lines: string[] = [];
    const launched = await app.launch({ port: 0, print: (line) => lines.push(line) });
    close = launched.close;
    expect(lines.join("\n")).toContain("Webhooks are correctly setup and ready to use:");
    expect(lines).toContain(`  - POST ${launched.url}/webhooks/test_webhook`);
    expect(launched.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const res = await fetch(`${launched.url}/webhooks/test_webhook`, {
      method: "POST",
      headers: { "x-webhook-secret": SECRET, "content-type": "application/json" },
      body: JSON.stringify(EXAMPLE_REPO_CONTENT_UPDATED),
    });
    expect(await res.json()).toEqual({ scope: "repo.content", sha: EXAMPLE_REPO_CONTENT_UPDATED.repo.headSha });
    const landing = await fetch(`${launched.url}/`);
    expect(landing.headers.get("content-type")).toContain("text/html");
    expect(await landing.text()).toContain(`POST ${launched.url}/webhooks/test_webhook`);
  });

  it("prints https://$SPACE_HOST URLs on a Space", async () => {
    vi.stubEnv("SPACE_HOST", "wauplin-ci-bot.hf.space");
    const app = new WebhooksServer({ webhookSecret: SECRET, logger: silent });
    app.addWebhook("ci", () => null);
    const lines: string[] = [];
    const launched = await app.launch({ port: 0, print: (line) => lines.push(line) });
    close = launched.close;
    expect(lines).toContain("  - POST https://wauplin-ci-bot.hf.space/webhooks/ci");
    // A Space routes outside traffic to the container: binding loopback would make it unreachable.
    expect(launched.localUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${launched.localUrl}/`)).status).toBe(200);
  });

  it("binds 0.0.0.0 on a Space and reads PORT and HOST from the environment", async () => {
    vi.stubEnv("SPACE_HOST", "bot.hf.space");
    vi.stubEnv("PORT", "0");
    const app = new WebhooksServer({ logger: silent });
    app.addWebhook("ci", () => null);
    const launched = await app.launch({ print: () => {} });
    close = launched.close;
    const port = new URL(launched.localUrl).port;
    // Reachable on a non-loopback address of this machine only when bound to 0.0.0.0; check the bind itself.
    const { networkInterfaces } = await import("node:os");
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i?.family === "IPv4" && !i.internal);
    if (external) expect((await fetch(`http://${external.address}:${port}/`)).status).toBe(200);
    vi.stubEnv("SPACE_HOST", "");
    vi.stubEnv("HOST", "127.0.0.1");
    const local = await app.launch({ port: 0, print: () => {} });
    await local.close();
  });

  it("fails with one line naming the port and PORT when the port is taken", async () => {
    const app = new WebhooksServer({ logger: silent });
    const first = await app.launch({ port: 0, print: () => {} });
    close = first.close;
    const port = Number(new URL(first.localUrl).port);
    const error = await app.launch({ port, print: () => {} }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      `port ${port} is already in use: stop the other server or choose another port with PORT=<port> (or launch({ port }))`,
    );
    expect((error as Error).stack).not.toContain("\n");
  });
});
