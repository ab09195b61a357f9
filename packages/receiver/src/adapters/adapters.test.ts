import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { EXAMPLE_DISCUSSION_CREATED } from "@hubhooks/schemas";
import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import { WebhooksServer } from "../webhooks-server.js";
import { createNodeMiddleware } from "./node-middleware.js";

const silent = { info: () => {}, warn: () => {}, error: () => {} };
const SECRET = "adapter-secret";

function receiver() {
  const app = new WebhooksServer({ webhookSecret: SECRET, logger: silent });
  app.addWebhook("hook", (payload) => ({ title: payload.discussion?.title }));
  return app;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

const deliver = (url: string, secret = SECRET) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-webhook-secret": secret },
    body: JSON.stringify(EXAMPLE_DISCUSSION_CREATED),
  });

describe("adapters over real sockets", () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
  });

  it("createNodeMiddleware answers inside a plain node:http server", async () => {
    const server = createServer(createNodeMiddleware(receiver()));
    servers.push(server);
    const url = await listen(server);
    const res = await deliver(`${url}/webhooks/hook`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ title: "Update co2 emissions" });
    expect((await deliver(`${url}/webhooks/hook`, "bad")).status).toBe(403);
  });

  it("falls through to next() for other paths and reads bodies an Express parser already consumed", async () => {
    const middleware = createNodeMiddleware(receiver());
    const server = createServer((req, res) => {
      // What express.json() leaves behind: the stream consumed, the parsed object on req.body.
      let raw = "";
      req.on("data", (chunk) => {
        raw += chunk;
      });
      req.on("end", () => {
        Object.assign(req, { body: raw ? JSON.parse(raw) : undefined });
        void middleware(req, res, () => {
          res.statusCode = 299;
          res.end("next");
        });
      });
    });
    servers.push(server);
    const url = await listen(server);
    expect(await (await deliver(`${url}/webhooks/hook`)).json()).toEqual({ title: "Update co2 emissions" });
    const other = await fetch(`${url}/elsewhere`);
    expect(other.status).toBe(299);
  });

  it("the Node fast path checks the secret first, caps the body declared or streamed, and builds context.request on demand", async () => {
    const app = new WebhooksServer({ webhookSecret: SECRET, logger: silent, maxBodyBytes: 2048 });
    app.addWebhook("inspect", async (payload, context) => ({
      scope: payload.event.scope,
      agent: context.headers.get("user-agent"),
      method: context.request.method,
      body: (await context.request.json()).event.scope,
      deliveryId: context.deliveryId,
    }));
    const server = createServer(createNodeMiddleware(app));
    servers.push(server);
    const url = await listen(server);
    const body = JSON.stringify(EXAMPLE_DISCUSSION_CREATED);
    const ok = await fetch(`${url}/webhooks/inspect?secret=${SECRET}`, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "probe", "x-webhook-delivery": "d-1" },
      body,
    });
    expect(await ok.json()).toEqual({
      scope: "discussion",
      agent: "probe",
      method: "POST",
      body: "discussion",
      deliveryId: "d-1",
    });
    // Wrong secret with a broken body: 403, the body is never parsed.
    const wrong = await fetch(`${url}/webhooks/inspect`, {
      method: "POST",
      headers: { "x-webhook-secret": "x" },
      body: "{",
    });
    expect(wrong.status).toBe(403);
    const big = JSON.stringify({ ...EXAMPLE_DISCUSSION_CREATED, padding: "x".repeat(4096) });
    const declared = await fetch(`${url}/webhooks/inspect`, {
      method: "POST",
      headers: { "x-webhook-secret": SECRET },
      body: big,
    });
    expect(declared.status).toBe(413);
    const streamed = await fetch(`${url}/webhooks/inspect`, {
      method: "POST",
      headers: { "x-webhook-secret": SECRET },
      body: new Blob([big]).stream(),
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    const notJson = await fetch(`${url}/webhooks/inspect`, {
      method: "POST",
      headers: { "x-webhook-secret": SECRET },
      body: "{",
    });
    expect(notJson.status).toBe(400);
    const get = await fetch(`${url}/webhooks/inspect`);
    expect(get.status).toBe(405);
  });

  it("app.fetch mounts inside a hono app", async () => {
    const hooks = receiver();
    const app = new Hono();
    app.get("/", (c) => c.text("my app"));
    app.post("/webhooks/*", (c) => hooks.fetch(c.req.raw));
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }) as Server;
    servers.push(server);
    await new Promise((resolve) => server.once("listening", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect(await (await deliver(`${url}/webhooks/hook`)).json()).toEqual({ title: "Update co2 emissions" });
    expect(await (await fetch(url)).text()).toBe("my app");
  });
});
