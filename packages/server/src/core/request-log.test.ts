import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../../test-support/databases.js";
import { createServer } from "../server.js";

describe("request log", async () => {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const database = await createTestDatabase("sqlite");
  const server = await createServer({ database: database.location, logger: pino({ level: "debug" }, sink) });
  afterAll(async () => {
    await server.close();
    await database.drop();
  });

  it("answers every request with an X-Request-Id and logs one line with it: failures at info, successes at debug", async () => {
    const ok = await server.app.request("/health");
    const id = ok.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const refused = await server.app.request("/api/settings/webhooks", {
      headers: { "x-request-id": "client-chosen.42" },
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("x-request-id")).toBe("client-chosen.42");
    await new Promise((resolve) => setImmediate(resolve));
    const okLine = lines.find((line) => line.requestId === id);
    expect(okLine).toMatchObject({ level: 20, method: "GET", path: "/health", status: 200 });
    expect(typeof okLine?.ms).toBe("number");
    expect(lines.find((line) => line.requestId === "client-chosen.42")).toMatchObject({ level: 30, status: 401 });
  });
});
