import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { WebhooksServer } from "./webhooks-server.js";

const silent = { info: () => {}, warn: () => {}, error: () => {} };

describe("landing page", () => {
  it("lists the registered endpoints and how to point a webhook at them", async () => {
    const app = new WebhooksServer({ logger: silent });
    app.addWebhook("trigger_training", () => null);
    app.publicUrl = "https://me-app.hf.space";
    const html = await (await app.fetch(new Request("http://localhost/"))).text();
    expect(html).toContain("1 webhook is registered");
    expect(html).toContain("POST https://me-app.hf.space/webhooks/trigger_training");
    expect(html).toContain("https://huggingface.co/settings/webhooks");
  });

  it("is replaced by a custom UI function", async () => {
    const app = new WebhooksServer({ logger: silent, ui: () => "<h1>Mine</h1>" });
    const res = await app.fetch(new Request("http://localhost/"));
    expect(await res.text()).toBe("<h1>Mine</h1>");
  });

  it("is replaced by a hono app mounted at /, while webhook routes still work", async () => {
    const ui = new Hono();
    ui.get("/", (c) => c.html("<h1>Dashboard</h1>"));
    ui.get("/status", (c) => c.json({ ok: true }));
    const app = new WebhooksServer({ logger: silent, ui });
    app.addWebhook("hook", () => "handled");
    expect(await (await app.fetch(new Request("http://localhost/status"))).json()).toEqual({ ok: true });
    expect(await (await app.fetch(new Request("http://localhost/"))).text()).toBe("<h1>Dashboard</h1>");
    const hook = await app.fetch(new Request("http://localhost/webhooks/hook", { method: "POST", body: "{}" }));
    expect(hook.status).toBe(422);
  });
});
