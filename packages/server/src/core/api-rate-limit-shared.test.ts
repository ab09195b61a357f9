import pino from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../../test-support/databases.js";
import { createUser } from "../accounts/account-store.js";
import { createServer, type HubhooksServer } from "../server.js";
import { SIGNIN_ATTEMPTS_PER_MINUTE } from "../ui/signin-limit.js";

const PER_MINUTE = 7;
let database: TestDatabase;
const servers: HubhooksServer[] = [];
const urls: string[] = [];

// Two API servers on one PostgreSQL, each with its own memory and connection pool, as two processes would be.
beforeAll(async () => {
  database = await createTestDatabase("postgres");
  for (let i = 0; i < 2; i++) {
    const server = await createServer({
      database: database.location,
      logger: pino({ level: "silent" }),
      delivery: { apiRateLimit: { perMinute: PER_MINUTE, publishers: false }, anonymousPerMinute: PER_MINUTE },
    });
    servers.push(server);
    urls.push(await server.listen({ host: "127.0.0.1", port: 0 }));
  }
});
afterAll(async () => {
  for (const server of servers) await server.close();
  await database?.drop();
});

/** All requests of a test in one fixed one-minute window: start in a fresh one when this one is about to end. */
async function awayFromWindowEnd() {
  const intoWindow = Date.now() % 60_000;
  if (intoWindow > 45_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoWindow + 50));
}

/** `count` requests at once, spread over both servers; the statuses, sorted. */
async function burst(count: number, path: string, token?: string): Promise<number[]> {
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  const answers = await Promise.all(
    Array.from({ length: count }, (_, i) => fetch(`${urls[i % 2]}${path}`, { headers })),
  );
  return answers.map((res) => res.status).sort();
}

it("holds a token to its limit exactly across two API processes on one PostgreSQL, even all at once", async () => {
  const [first] = servers as [HubhooksServer];
  const { token } = await createUser(first.db, "shared-limit");
  const { token: other } = await createUser(first.db, "shared-other");
  await awayFromWindowEnd();
  const statuses = await burst(3 * PER_MINUTE, "/api/settings/webhooks", token);
  expect(statuses.filter((s) => s === 200)).toHaveLength(PER_MINUTE);
  expect(statuses.filter((s) => s === 429)).toHaveLength(2 * PER_MINUTE);
  // Another token has its own budget, on either server.
  expect(await burst(2, "/api/settings/webhooks", other)).toEqual([200, 200]);
});

it("holds anonymous reads to the per-address limit across both processes too", async () => {
  await awayFromWindowEnd();
  const statuses = await burst(2 * PER_MINUTE, "/api/models/nobody/nothing");
  expect(statuses.filter((s) => s !== 429)).toHaveLength(PER_MINUTE);
  expect(statuses.filter((s) => s === 429)).toHaveLength(PER_MINUTE);
});

it("holds sign-in attempts to the per-address limit across both processes", async () => {
  await awayFromWindowEnd();
  // Counted before the form is read: a bare post is an attempt (403 under the limit, 429 past it).
  const answers = await Promise.all(
    Array.from({ length: 13 }, (_, i) => fetch(`${urls[i % 2]}/signin`, { method: "POST" })),
  );
  const statuses = answers.map((res) => res.status);
  expect(statuses.filter((s) => s !== 429)).toHaveLength(SIGNIN_ATTEMPTS_PER_MINUTE);
  expect(statuses.filter((s) => s === 429)).toHaveLength(13 - SIGNIN_ATTEMPTS_PER_MINUTE);
});
