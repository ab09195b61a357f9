import { EXAMPLE_REPO_CONTENT_UPDATED } from "@hubhooks/schemas";
import { Hono } from "hono";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { LaunchedServer } from "./adapters/launch.js";
import { WebhooksServer, type WebhooksServerOptions } from "./webhooks-server.js";

const silent = { info: () => {}, warn: () => {}, error: () => {} };

/** The landing page as a browser gets it: the app launched on a loopback port, read over HTTP. */
describe("landing page over HTTP", () => {
  const running: LaunchedServer[] = [];
  afterEach(async () => {
    vi.unstubAllEnvs();
    await Promise.all(running.splice(0).map((server) => server.close()));
  });

  async function launch(options: WebhooksServerOptions, ...names: string[]) {
    const app = new WebhooksServer({ logger: silent, ...options });
    for (const name of names) app.addWebhook(name, () => ({ handled: name }));
    const server = await app.launch({ port: 0, host: "127.0.0.1", print: () => {} });
    running.push(server);
    return server.localUrl;
  }
  const page = async (url: string) => {
    const res = await fetch(url);
    return { status: res.status, type: res.headers.get("content-type"), html: await res.text() };
  };
  const deliver = (url: string, secret?: string) =>
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(secret && { "x-webhook-secret": secret }) },
      body: JSON.stringify(EXAMPLE_REPO_CONTENT_UPDATED),
    });

  it("by default lists the endpoints at the Space's URL, says a secret is set, and how to point a webhook", async () => {
    vi.stubEnv("SPACE_HOST", "demo-user-space.hf.space");
    const url = await launch({ webhookSecret: "s3cret-value" }, "trigger_training", "trigger_evaluation");
    const { status, type, html } = await page(`${url}/`);
    expect([status, type]).toEqual([200, "text/html; charset=utf-8"]);
    expect(html).toContain("2 webhooks are registered");
    expect(html).toContain("<code>POST https://demo-user-space.hf.space/webhooks/trigger_training</code>");
    expect(html).toContain("<code>POST https://demo-user-space.hf.space/webhooks/trigger_evaluation</code>");
    expect(html).toContain("A webhook secret is set");
    expect(html).not.toContain("signing secret is set");
    expect(html).toContain('<a href="https://huggingface.co/settings/webhooks">');
    expect(html).toContain(
      "npx hubhooks webhooks create --watch dataset:you/some-data --url https://demo-user-space.hf.space/webhooks/trigger_training --secret &lt;the same WEBHOOK_SECRET&gt;",
    );
    expect(html).not.toContain("s3cret-value");
  });

  it("by default warns when no secret is set, and says when a signing secret is", async () => {
    vi.stubEnv("WEBHOOK_SECRET", "");
    const open = await page(`${await launch({}, "hook")}/`);
    expect(open.html).toContain("1 webhook is registered");
    expect(open.html).toMatch(/No webhook secret is set<\/strong>: anyone who knows these URLs can call them/);
    expect(open.html).toMatch(/--url http:\/\/127\.0\.0\.1:\d+\/webhooks\/hook<\/code>/);
    const signed = await page(
      `${await launch({ webhookSecret: "s", signingSecret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" }, "hook")}/`,
    );
    expect(signed.html).toContain("A webhook secret is set");
    expect(signed.html).toContain("A signing secret is set too");
  });

  it("is replaced by an HTML string, while webhook routes still check the secret", async () => {
    const url = await launch({ webhookSecret: "s", ui: "<h1>My bot</h1>" }, "hook");
    expect(await page(`${url}/`)).toEqual({ status: 200, type: "text/html; charset=utf-8", html: "<h1>My bot</h1>" });
    expect((await page(`${url}/other`)).status).toBe(404);
    expect((await deliver(`${url}/webhooks/hook`)).status).toBe(401);
    expect(await (await deliver(`${url}/webhooks/hook`, "s")).json()).toEqual({ handled: "hook" });
  });

  it("is replaced by a function that gets the request and what the default page shows", async () => {
    vi.stubEnv("SPACE_HOST", "demo-user-space.hf.space");
    const url = await launch(
      {
        webhookSecret: "s",
        ui: (request, info) =>
          `<p>${new URL(request.url).pathname} ${info.paths.join(",")} ${info.url} secret:${info.secretSet}</p>`,
      },
      "hook",
    );
    expect((await page(`${url}/`)).html).toBe("<p>/ /webhooks/hook https://demo-user-space.hf.space secret:true</p>");
  });

  it("is replaced by a function returning a whole Response", async () => {
    const ui = () => new Response("moved", { status: 302, headers: { location: "https://example.com/docs" } });
    const url = await launch({ ui }, "hook");
    const res = await fetch(`${url}/`, { redirect: "manual" });
    expect([res.status, res.headers.get("location")]).toEqual([302, "https://example.com/docs"]);
  });

  it("is replaced by a hono app mounted at /, while webhook routes still work", async () => {
    const ui = new Hono();
    ui.get("/", (c) => c.html("<h1>Dashboard</h1>"));
    ui.get("/status", (c) => c.json({ ok: true }));
    const url = await launch({ webhookSecret: "s", ui }, "hook");
    expect(await (await fetch(`${url}/status`)).json()).toEqual({ ok: true });
    expect((await page(`${url}/`)).html).toBe("<h1>Dashboard</h1>");
    expect(await (await deliver(`${url}/webhooks/hook`, "s")).json()).toEqual({ handled: "hook" });
  });
});
