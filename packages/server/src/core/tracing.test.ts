import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestReceiver } from "../../../../test-support/receiver.js";
import { DIALECTS, useServer, waitUntil } from "../test-support/harness.js";
import { flushTracing } from "./tracing.js";

interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string | undefined;
  name: string;
  attributes: Record<string, string | number>;
}

/** An OTLP/HTTP (JSON) trace collector on loopback: what the exporter sends is what the test reads. */
const spans: ExportedSpan[] = [];
let collector: Server;
beforeAll(async () => {
  collector = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      const request = JSON.parse(body) as {
        resourceSpans: Array<{ scopeSpans: Array<{ spans: Array<Record<string, unknown>> }> }>;
      };
      for (const resource of request.resourceSpans)
        for (const scope of resource.scopeSpans)
          for (const span of scope.spans) {
            const attributes: Record<string, string | number> = {};
            for (const { key, value } of span.attributes as Array<{ key: string; value: Record<string, unknown> }>) {
              attributes[key] = (value.stringValue ?? Number(value.intValue)) as string | number;
            }
            spans.push({
              traceId: span.traceId as string,
              spanId: span.spanId as string,
              parentSpanId: (span.parentSpanId as string | undefined) || undefined,
              name: span.name as string,
              attributes,
            });
          }
      res.writeHead(200, { "Content-Type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", resolve));
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  process.env.OTEL_BSP_SCHEDULE_DELAY = "100";
});
afterAll(async () => {
  await flushTracing();
  await new Promise((resolve) => collector.close(resolve));
});

describe.each(DIALECTS)("OpenTelemetry traces on %s", (dialect) => {
  const h = useServer(dialect, { worker: true, delivery: { tracePropagation: true } });
  const receiver = new TestReceiver();
  let url: string;
  beforeAll(async () => {
    await receiver.start();
    url = await h.server.listen({ host: "127.0.0.1", port: 0 });
  });
  afterAll(() => receiver.stop());

  it("traces one delivery from the API request through ingest to its attempt, and sends traceparent", async () => {
    const owner = (await h.user("traced")).token;
    const hub = (await h.user("traced-hub", { publisher: true })).token;
    const created = await h.call(owner, "POST", "/api/settings/webhooks", {
      url: `${receiver.url}/traced`,
      watched: [{ type: "model", name: "traced/model" }],
    });
    const webhookId = ((await created.json()) as { webhook: { id: string } }).webhook.id;
    const res = await fetch(`${url}/api/events`, {
      method: "POST",
      headers: { Authorization: `Bearer ${hub}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        event: { action: "update", scope: "repo" },
        repo: { type: "model", name: "traced/model" },
      }),
    });
    expect(res.status).toBe(202);
    const request = await waitUntil(
      () => receiver.requests.find((r) => r.path === "/traced"),
      30_000,
      "the delivery to arrive",
    );
    const deliveryId = String(request.headers["x-webhook-delivery"]);
    const attempt = await waitUntil(
      async () => {
        await flushTracing();
        return spans.find((s) => s.name === "hubhooks attempt" && s.attributes["hubhooks.delivery.id"] === deliveryId);
      },
      30_000,
      "the attempt's span",
    );
    expect(attempt.attributes).toMatchObject({
      "hubhooks.webhook.id": webhookId,
      "hubhooks.attempt": 1,
      "http.response.status_code": 200,
    });
    const ingest = spans.find((s) => s.spanId === attempt.parentSpanId);
    expect(ingest?.name).toBe("hubhooks ingest");
    expect(ingest?.attributes).toMatchObject({ "hubhooks.events": 1, "hubhooks.deliveries": 1 });
    const api = spans.find((s) => s.spanId === ingest?.parentSpanId);
    expect(api).toMatchObject({ name: "POST /api/events", traceId: attempt.traceId });
    expect(api?.attributes).toMatchObject({ "http.route": "/api/events", "http.response.status_code": 202 });
    expect(api?.parentSpanId).toBeUndefined();
    // The receiver continues the same trace, from the attempt's span.
    expect(request.headers.traceparent).toBe(`00-${attempt.traceId}-${attempt.spanId}-01`);
    expect(spans.some((s) => s.name === "hubhooks claim" && Number(s.attributes["hubhooks.claimed"]) >= 1)).toBe(true);
  });
});

describe("traceparent to receivers is opt-in", () => {
  const h = useServer("sqlite", { worker: true });
  const receiver = new TestReceiver();
  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());

  it("traces the attempt but sends no traceparent unless tracePropagation is on", async () => {
    const owner = (await h.user("quiet")).token;
    const hub = (await h.user("quiet-hub", { publisher: true })).token;
    await h.call(owner, "POST", "/api/settings/webhooks", {
      url: `${receiver.url}/quiet`,
      watched: [{ type: "model", name: "quiet/model" }],
    });
    await h.call(hub, "POST", "/api/events", {
      event: { action: "update", scope: "repo" },
      repo: { type: "model", name: "quiet/model" },
    });
    const request = await waitUntil(() => receiver.requests.find((r) => r.path === "/quiet"), 30_000, "the delivery");
    expect(request.headers.traceparent).toBeUndefined();
    const deliveryId = String(request.headers["x-webhook-delivery"]);
    await waitUntil(
      async () => {
        await flushTracing();
        return spans.some((s) => s.name === "hubhooks attempt" && s.attributes["hubhooks.delivery.id"] === deliveryId);
      },
      30_000,
      "the attempt's span",
    );
  });
});
