// One receiver variant in its own process (argv[2]): minimal | launch | middleware | fetch. Sends {port} when
// listening; answers "rss" with {rss}. The load generator runs in the bench process.

import { timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { serve } from "@hono/node-server";
import { createNodeMiddleware, WebhooksServer } from "../packages/receiver/dist/index.js";

const SECRET = "bench-secret";
const variant = process.argv[2];
const silent = { info() {}, warn() {}, error() {} };

function minimal() {
  const expected = Buffer.from(SECRET);
  return createServer((req, res) => {
    const given = Buffer.from(String(req.headers["x-webhook-secret"] ?? ""));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.writeHead(403).end();
      return;
    }
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => {
      const payload = JSON.parse(Buffer.concat(chunks).toString());
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ scope: payload.event.scope }));
    });
  });
}

function app() {
  const hooks = new WebhooksServer({ webhookSecret: SECRET, logger: silent });
  hooks.addWebhook("bench", (payload) => ({ scope: payload.event.scope }));
  return hooks;
}

let port;
if (variant === "minimal") {
  const server = minimal();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = server.address().port;
} else if (variant === "launch") {
  const launched = await app().launch({ port: 0, print: () => {} });
  port = Number(new URL(launched.localUrl).port);
} else if (variant === "middleware") {
  const server = createServer(createNodeMiddleware(app()));
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = server.address().port;
} else if (variant === "fetch") {
  const hooks = app();
  const server = serve({ fetch: hooks.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  port = server.address().port;
} else throw new Error(`unknown variant ${variant}`);
process.send({ port });
process.on("message", (message) => {
  if (message === "rss") process.send({ rss: process.memoryUsage().rss });
});
