import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../../test-support/databases.js";
import { createServer, type HubhooksServer } from "../server.js";

const PER_MINUTE = 3;
const database: TestDatabase[] = [];
const servers: HubhooksServer[] = [];

/** A server whose anonymous sandbox reads are limited per client address, trusting `trustedProxies`. */
async function start(trustedProxies: string[]): Promise<string> {
  const db = await createTestDatabase("sqlite");
  database.push(db);
  const server = await createServer({
    database: db.location,
    logger: pino({ level: "silent" }),
    delivery: { anonymousPerMinute: PER_MINUTE, http: { trustedProxies } },
  });
  servers.push(server);
  return server.listen({ host: "127.0.0.1", port: 0 });
}

/** All requests of a test in one fixed one-minute window: start in a fresh one when this one is about to end. */
async function awayFromWindowEnd() {
  const intoWindow = Date.now() % 60_000;
  if (intoWindow > 45_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoWindow + 50));
}

/** The statuses of `count` anonymous reads, one after another, each sending `forwardedFor`. */
async function reads(url: string, count: number, forwardedFor: string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${url}/api/models/nobody/nothing`, { headers: { "X-Forwarded-For": forwardedFor } });
    statuses.push(res.status);
  }
  return statuses;
}

describe("the client address behind a trusted reverse proxy", () => {
  let behindProxy: string;
  let direct: string;
  beforeAll(async () => {
    behindProxy = await start(["127.0.0.0/8", "::1"]);
    direct = await start([]);
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    for (const db of database) await db.drop();
  });

  it("counts each forwarded client apart when the peer is a trusted proxy", async () => {
    await awayFromWindowEnd();
    expect(await reads(behindProxy, PER_MINUTE + 1, "198.51.100.1")).toEqual([404, 404, 404, 429]);
    expect(await reads(behindProxy, 1, "198.51.100.2")).toEqual([404]);
  });

  it("reads the header from the right: an address the client put first does not pick its count", async () => {
    await awayFromWindowEnd();
    // The client sent "X-Forwarded-For: 203.0.113.<n>"; the proxy appended the address it saw.
    const statuses = [];
    for (let n = 0; n <= PER_MINUTE; n++)
      statuses.push(...(await reads(behindProxy, 1, `203.0.113.${n}, 198.51.100.3`)));
    expect(statuses).toEqual([404, 404, 404, 429]);
  });

  it("skips trusted hops, and ignores the header from a peer that is not trusted", async () => {
    await awayFromWindowEnd();
    expect(await reads(behindProxy, PER_MINUTE + 1, "198.51.100.4, 127.0.0.9")).toEqual([404, 404, 404, 429]);
    const statuses = [];
    for (let n = 0; n <= PER_MINUTE; n++) statuses.push(...(await reads(direct, 1, `198.51.100.${10 + n}`)));
    expect(statuses).toEqual([404, 404, 404, 429]);
  });

  it("refuses a setting that is not an address or a range", async () => {
    const db = await createTestDatabase("sqlite");
    database.push(db);
    const failing = createServer({ database: db.location, delivery: { http: { trustedProxies: ["10.0.0.0/33"] } } });
    await expect(failing).rejects.toThrow(/trustedProxies/);
  });
});
