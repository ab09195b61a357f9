import { request } from "node:http";
import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../../test-support/databases.js";
import { createUser } from "../accounts/account-store.js";
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

  it("logs a relay channel's id, the secret of its URL, by its first four characters only", async () => {
    const id = "AbCd".padEnd(32, "x");
    const res = await server.app.request(`/relay/${id}/more`, { method: "POST", body: "{}" });
    expect(res.status).toBe(404);
    const api = await server.app.request(`/api/relay/channels/${id}/events`);
    expect(api.status).toBe(401);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((line) => line.path)).toEqual(
      expect.arrayContaining(["/relay/AbCd…/more", "/api/relay/channels/AbCd…/events"]),
    );
    expect(JSON.stringify(lines)).not.toContain(id);
  });

  it("logs a client that goes away mid-body as aborted at info, not as a failed request at error", async () => {
    const url = await server.listen({ port: 0 });
    const { token } = await createUser(server.db, "leaver");
    await server.app.request("/api/repos/create", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "x" }),
    });
    for (const path of ["/api/settings/webhooks", "/api/models/leaver/x/discussions", "/signin"]) {
      await new Promise<void>((resolve) => {
        const req = request(`${url}${path}`, {
          method: "POST",
          headers: {
            "content-type": path === "/signin" ? "application/x-www-form-urlencoded" : "application/json",
            "content-length": "1000",
            authorization: `Bearer ${token}`,
          },
        });
        req.on("error", () => undefined);
        req.on("close", () => resolve());
        req.write('{"url": "https://e');
        setTimeout(() => req.destroy(), 100);
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const errors = lines.filter((line) => (line.level as number) >= 50);
    expect(errors).toEqual([]);
    const aborted = lines.filter((line) => line.msg === "request aborted by the client");
    expect(aborted.map((line) => line.path)).toEqual([
      "/api/settings/webhooks",
      "/api/models/leaver/x/discussions",
      "/signin",
    ]);
    for (const line of aborted) expect(line.level).toBe(30);
  });
});
