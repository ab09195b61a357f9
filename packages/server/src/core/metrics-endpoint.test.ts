import pino from "pino";
import { afterEach, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../../test-support/databases.js";
import { createServer, type HubhooksServer } from "../server.js";
import type { DeliveryOverrides } from "./config.js";

const started: Array<{ server: HubhooksServer; database: TestDatabase }> = [];
afterEach(async () => {
  for (const { server, database } of started.splice(0)) {
    await server.close();
    await database.drop();
  }
});

/** A server listening on `host`; requests go to it over loopback (0.0.0.0 listens there too). */
async function serving(host: string, delivery: DeliveryOverrides = {}) {
  const database = await createTestDatabase("sqlite");
  const server = await createServer({ database: database.location, logger: pino({ level: "silent" }), delivery });
  started.push({ server, database });
  const url = (await server.listen({ host, port: 0 })).replace("0.0.0.0", "127.0.0.1");
  return { server, url, metricsUrl: server.metricsUrl?.replace("0.0.0.0", "127.0.0.1") };
}

const get = (url: string, token?: string) => fetch(url, token ? { headers: { Authorization: `Bearer ${token}` } } : {});

it("is open on a loopback listen and refused (403, JSON) on any other without a token or a metrics port", async () => {
  const loopback = await serving("127.0.0.1");
  expect((await get(`${loopback.url}/metrics`)).status).toBe(200);
  const wide = await serving("0.0.0.0");
  const refused = await get(`${wide.url}/metrics`);
  expect(refused.status).toBe(403);
  expect(((await refused.json()) as { error: string }).error).toMatch(/--metrics-token or --metrics-port/);
});

it("asks for the --metrics-token as a Bearer token on every port, loopback included", async () => {
  const token = "metrics-token-0123456789";
  const { url } = await serving("127.0.0.1", { metricsToken: token });
  const missing = await get(`${url}/metrics`);
  expect(missing.status).toBe(401);
  expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
  expect((await get(`${url}/metrics`, `${token}x`)).status).toBe(401);
  expect((await get(`${url}/metrics`, "short")).status).toBe(401);
  const ok = await get(`${url}/metrics`, token);
  expect(ok.status).toBe(200);
  expect(await ok.text()).toMatch(/^# HELP hubhooks_deliveries_total/m);
});

it("serves /metrics, /health and /ready on a --metrics-port of their own, and not on the API port", async () => {
  const { url, metricsUrl } = await serving("0.0.0.0", { metricsPort: 0 });
  expect(metricsUrl).toBeDefined();
  expect((await get(`${metricsUrl}/metrics`)).status).toBe(200);
  expect((await get(`${metricsUrl}/ready`)).status).toBe(200);
  expect((await get(`${metricsUrl}/health`)).status).toBe(200);
  expect((await get(`${metricsUrl}/api/settings/webhooks`)).status).toBe(404);
  const onApi = await get(`${url}/metrics`);
  expect(onApi.status).toBe(403);
  expect(((await onApi.json()) as { error: string }).error).toMatch(/--metrics-port/);
});

it("refuses a token that is too short at start", async () => {
  await expect(createServer({ database: ":memory:", delivery: { metricsToken: "short" } })).rejects.toThrow(
    /metricsToken must be at least 16 characters/,
  );
});
