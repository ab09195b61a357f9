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
