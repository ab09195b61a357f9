import { EXAMPLE_DISCUSSION_CREATED, EXAMPLE_REPO_CONTENT_UPDATED } from "@hubhooks/schemas";
import { describe, expect, it, vi } from "vitest";
import { WebhooksServer } from "../webhooks-server.js";
import { WebhookError } from "./webhook-error.js";

const SECRET = "s3cret";
const logger = { info: () => {}, warn: () => {}, error: vi.fn() };

function post(app: WebhooksServer, path: string, body: BodyInit, headers: Record<string, string> = {}) {
  return app.fetch(new Request(`http://localhost${path}`, { method: "POST", headers, body }));
}
const json = (value: unknown) => JSON.stringify(value);

describe("the request pipeline", () => {
  const handler = vi.fn((payload) => ({ received: payload.event.scope }));
  const app = new WebhooksServer({ webhookSecret: SECRET, logger, maxBodyBytes: 4096 });
  app.addWebhook("hook", handler);
  app.addWebhook("boom", () => {
    throw new Error("database password is hunter2");
  });
  app.addWebhook("teapot", () => {
    throw new WebhookError(418, "not today");
  });
  app.addWebhook("custom", () => new Response("accepted", { status: 202 }));
  app.addWebhook("nothing", () => undefined);

  it("checks the secret before reading the body: a wrong secret with an invalid body is 403, not 422", async () => {
    const res = await post(app, "/webhooks/hook", json({ nope: true }), { "x-webhook-secret": "wrong" });
    expect(res.status).toBe(403);
    const missing = await post(app, "/webhooks/hook", "{broken");
    expect(missing.status).toBe(401);
    expect(handler).not.toHaveBeenCalled();
  });

  it("accepts the secret as a ?secret= query parameter", async () => {
    const res = await post(app, `/webhooks/hook?secret=${SECRET}`, json(EXAMPLE_REPO_CONTENT_UPDATED));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: "repo.content" });
    expect((await post(app, "/webhooks/hook?secret=nope", json(EXAMPLE_REPO_CONTENT_UPDATED))).status).toBe(403);
  });

  it("treats an empty secret header as present and wrong (403)", async () => {
    const res = await post(app, "/webhooks/hook", json(EXAMPLE_REPO_CONTENT_UPDATED), { "x-webhook-secret": "" });
    expect(res.status).toBe(403);
  });

  it("answers 413 for a body over the limit, declared or streamed", async () => {
    const big = json({ ...EXAMPLE_REPO_CONTENT_UPDATED, padding: "x".repeat(5000) });
    expect((await post(app, "/webhooks/hook", big, { "x-webhook-secret": SECRET })).status).toBe(413);
    const stream = new Blob([big]).stream();
    const res = await app.fetch(
      new Request("http://localhost/webhooks/hook", {
        method: "POST",
        headers: { "x-webhook-secret": SECRET },
        body: stream,
        duplex: "half",
      } as RequestInit),
    );
    expect(res.status).toBe(413);
  });

  it("answers 400 for malformed JSON", async () => {
    const res = await post(app, "/webhooks/hook", "{not json", { "x-webhook-secret": SECRET });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "Payload is not valid JSON." });
  });

  it("answers 422 with the issue paths for an invalid payload", async () => {
    const body = json({ ...EXAMPLE_DISCUSSION_CREATED, event: { scope: "discussion" }, repo: { name: 1 } });
    const res = await post(app, "/webhooks/hook", body, { "x-webhook-secret": SECRET });
    expect(res.status).toBe(422);
    const { error, issues } = (await res.json()) as { error: string; issues: Array<{ path: string }> };
    expect(error).toBe("Invalid webhook payload.");
    expect(issues.map((issue) => issue.path)).toEqual(expect.arrayContaining(["event.action", "repo.name", "repo.id"]));
  });

  it("hides a thrown error's message behind a 500 and logs it", async () => {
    const res = await post(app, "/webhooks/boom", json(EXAMPLE_DISCUSSION_CREATED), { "x-webhook-secret": SECRET });
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain("hunter2");
    expect(logger.error).toHaveBeenCalled();
  });

  it("uses the status of an error that carries one", async () => {
    const res = await post(app, "/webhooks/teapot", json(EXAMPLE_DISCUSSION_CREATED), { "x-webhook-secret": SECRET });
    expect(res.status).toBe(418);
    expect(await res.json()).toEqual({ error: "not today" });
  });

  it("sends a returned Response as is, and undefined as JSON null", async () => {
    const headers = { "x-webhook-secret": SECRET };
    const custom = await post(app, "/webhooks/custom", json(EXAMPLE_DISCUSSION_CREATED), headers);
    expect(custom.status).toBe(202);
    expect(await custom.text()).toBe("accepted");
    const nothing = await post(app, "/webhooks/nothing", json(EXAMPLE_DISCUSSION_CREATED), headers);
    expect(await nothing.json()).toBeNull();
  });

  it("gives handlers the headers and the delivery id", async () => {
    const seen = vi.fn();
    const withContext = new WebhooksServer({ logger });
    withContext.addWebhook("ctx", (_payload, context) => {
      seen(context.deliveryId, context.headers.get("user-agent"), context.path);
    });
    await post(withContext, "/webhooks/ctx", json(EXAMPLE_DISCUSSION_CREATED), {
      "x-webhook-delivery": "65a1d0c0ffee000000000001",
      "user-agent": "hubhooks/0.1.0",
    });
    expect(seen).toHaveBeenCalledWith("65a1d0c0ffee000000000001", "hubhooks/0.1.0", "/webhooks/ctx");
  });

  it("answers 405 for other methods on a route and a JSON 404 elsewhere", async () => {
    const get = await app.fetch(new Request("http://localhost/webhooks/hook"));
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect((await app.fetch(new Request("http://localhost/webhooks/none", { method: "POST" }))).status).toBe(404);
  });
});
