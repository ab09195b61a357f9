import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestReceiver } from "../../../../test-support/receiver.js";
import { deliveryConfig } from "../core/config.js";
import { MAX_RESPONSE_BODY_BYTES } from "./sender.js";
import { ThreadedSender } from "./threaded-sender.js";

// The sender thread is the Sender of the process: the same outcomes over real HTTP, whatever thread sends.
describe("ThreadedSender", () => {
  const receiver = new TestReceiver();
  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());

  it("sends many attempts at once, each with its own headers and body, and answers each with its own outcome", async () => {
    receiver.respond = (request) => ({
      status: request.path.endsWith("/gone") ? 410 : 200,
      body: `answer to ${request.json.n}`,
      headers: { "x-seen": request.headers["x-n"] as string },
    });
    const sender = new ThreadedSender(deliveryConfig({ allowPrivateTargets: true }));
    try {
      const outcomes = await Promise.all(
        Array.from({ length: 300 }, (_, n) =>
          sender.send(`${receiver.url}/${n % 3 === 0 ? "gone" : "ok"}`, { "x-n": String(n) }, JSON.stringify({ n })),
        ),
      );
      outcomes.forEach((outcome, n) => {
        expect(outcome, String(n)).toMatchObject({
          ok: n % 3 !== 0,
          statusCode: n % 3 === 0 ? 410 : 200,
          responseBody: `answer to ${n}`,
          error: n % 3 === 0 ? "HTTP 410" : null,
        });
        expect(outcome.responseHeaders["x-seen"]).toBe(String(n));
        expect(outcome.durationMs).toBeGreaterThanOrEqual(0);
      });
      expect(receiver.requests.length).toBeGreaterThanOrEqual(300);
    } finally {
      await sender.close();
    }
  });

  it("keeps the Sender's limits: the response excerpt, the timeout and the SSRF guard", async () => {
    receiver.respond = (request) =>
      request.path === "/slow"
        ? { status: 200, delayMs: 5_000 }
        : { status: 200, body: "x".repeat(MAX_RESPONSE_BODY_BYTES * 2) };
    const sender = new ThreadedSender(deliveryConfig({ allowPrivateTargets: true, timeoutMs: 1_000 }));
    const guarded = new ThreadedSender(deliveryConfig({ timeoutMs: 2_000 }));
    try {
      const [long, slow, refused] = await Promise.all([
        sender.send(`${receiver.url}/long`, {}, "{}"),
        sender.send(`${receiver.url}/slow`, {}, "{}"),
        guarded.send(`${receiver.url}/private`, {}, "{}"),
      ]);
      expect(long.responseBody).toHaveLength(MAX_RESPONSE_BODY_BYTES);
      expect(slow).toMatchObject({ ok: false, statusCode: null, error: "timed out" });
      expect(refused).toMatchObject({ ok: false, statusCode: null });
      expect(refused.error).toMatch(/not a public address/);
      expect(receiver.requests.some((request) => request.path === "/private")).toBe(false);
    } finally {
      await Promise.all([sender.close(), guarded.close()]);
    }
  });

  it("lets attempts in flight finish on close", async () => {
    receiver.respond = () => ({ status: 200, body: "late", delayMs: 500 });
    const sender = new ThreadedSender(deliveryConfig({ allowPrivateTargets: true }));
    const sending = sender.send(`${receiver.url}/late`, {}, "{}");
    await new Promise((resolve) => setTimeout(resolve, 100));
    await sender.close();
    expect(await sending).toMatchObject({ ok: true, responseBody: "late" });
  });
});
