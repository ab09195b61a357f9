import type { Kysely } from "kysely";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../../test-support/databases.js";
import { TestReceiver } from "../../../../test-support/receiver.js";
import { createServer, type HubhooksServer } from "../server.js";
import { DIALECTS, waitUntil } from "../test-support/harness.js";
import { fixture, loadV010Data } from "../test-support/v0.1.0/load.js";
import { migrateToLatest as v010Migrate } from "../test-support/v0.1.0/migrations.js";
import { MIGRATIONS } from "./migrations/index.js";
import { migrationStatus } from "./migrator.js";
import { openPostgres } from "./postgres.js";
import { openSqlite } from "./sqlite.js";

const HOUR = 3_600_000;

/**
 * A database written by the previous release, v0.1.0, served by today's code. Its schema comes from v0.1.0's own
 * migrations file (test-support/v0.1.0/migrations.ts, a copy of the tagged release's, run by kysely's Migrator as
 * that release ran it), its rows from what v0.1.0's server wrote (data.json), so a change of today's migrations
 * cannot hide an upgrade that breaks.
 */
describe.each(DIALECTS)("upgrade from v0.1.0 on %s", (dialect) => {
  let database: TestDatabase;
  let server: HubhooksServer;
  const receiver = new TestReceiver();
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await receiver.start();
    const old = (
      dialect === "postgres" ? openPostgres(database.location) : openSqlite(database.location)
    ) as Kysely<any>;
    await v010Migrate(old);
    // Two hours back: the retries v0.1.0 scheduled (within ~1.2 h of its stop) are due when today's server starts.
    await loadV010Data(old, receiver.url, Math.floor((Date.now() - fixture.madeAt - 2 * HOUR) / 1000) * 1000);
    await old.destroy();
    server = await createServer({
      database: database.location,
      logger: pino({ level: "silent" }),
      delivery: { allowPrivateTargets: true, pollIntervalMs: 50, apiRateLimit: { perMinute: 0, publishers: false } },
    });
    server.worker.start();
  });
  afterAll(async () => {
    await server?.close();
    await receiver.stop();
    await database?.drop();
  });
  const call = async (who: "alice" | "bob", method: string, path: string) => {
    const res = await server.app.request(path, { method, headers: { Authorization: `Bearer ${fixture.tokens[who]}` } });
    expect(res.status, `${method} ${path}`).toBe(200);
    return (await res.json()) as any;
  };

  it("brings the schema to today's head, keeping v0.1.0's migrations", async () => {
    expect(fixture.migrations.length).toBeGreaterThan(0);
    const status = await migrationStatus(server.db);
    expect(status.unknown).toEqual([]);
    expect(status.migrations.filter((m) => !m.appliedAt)).toEqual([]);
    expect(status.migrations.map((m) => m.name)).toEqual(MIGRATIONS.map(([name]) => name));
  });

  it("keeps every account, token and webhook: URLs, secrets, signing, disabled", async () => {
    const { w1, w2, w3 } = fixture.webhooks;
    const alice = (await call("alice", "GET", "/api/settings/webhooks")) as any[];
    expect(alice.map((w) => w.id).sort()).toEqual([w1, w2].sort());
    const first = alice.find((w) => w.id === w1);
    expect(first).toMatchObject({ url: `${receiver.url}/ok`, secret: "alice-secret", disabled: false });
    expect(first.watched).toEqual([{ type: "user", name: "alice" }]);
    expect(alice.find((w) => w.id === w2)).toMatchObject({ url: `${receiver.url}/down`, domains: ["repo"] });
    const bob = await call("bob", "GET", `/api/settings/webhooks/${w3}`);
    expect(bob.webhook).toMatchObject({ disabled: true, watched: [{ type: "model", name: "alice/model-a" }] });
  });

  it("delivers the retries v0.1.0 left pending, signed, and keeps their history and the delivered ones", async () => {
    const { w1, w2 } = fixture.webhooks;
    const pendingThen = fixture.tables.deliveries?.filter((d) => d.status === "pending") ?? [];
    expect(pendingThen.length).toBe(2);
    await waitUntil(() => receiver.requests.filter((r) => r.path === "/down").length >= 2, 30_000, "the retries");
    const retries = receiver.requests.filter((r) => r.path === "/down");
    expect(retries.map((r) => r.headers["x-webhook-delivery"]).sort()).toEqual(pendingThen.map((d) => d.id).sort());
    for (const retry of retries) {
      expect(retry.headers["webhook-signature"]).toMatch(/^v1,/);
      expect(retry.headers["x-webhook-attempt"]).toBe("2");
      expect(retry.json).toMatchObject({ repo: { name: "acme/data" }, webhook: { id: w2, version: 3 } });
    }
    expect(retries.map((r) => r.json.event.scope).sort()).toEqual(["repo", "repo.content"]);
    const list = await waitUntil(
      async () => {
        const page = await call("alice", "GET", `/api/settings/webhooks/${w2}/deliveries`);
        return page.deliveries.every((d: any) => d.status === "delivered") && page;
      },
      30_000,
      "the retries recorded",
    );
    expect(list.deliveries.map((d: any) => d.attempts)).toEqual([2, 2]);
    const one = await call("alice", "GET", `/api/settings/webhooks/${w2}/deliveries/${pendingThen[0]?.id}`);
    expect(one.delivery.attemptLog.map((a: any) => a.statusCode)).toEqual([503, 200]);
    const delivered = await call("alice", "GET", `/api/settings/webhooks/${w1}/deliveries`);
    expect(delivered.deliveries).toMatchObject([{ status: "delivered", attempts: 1 }]);
    expect(receiver.requests.filter((r) => r.path === "/ok")).toEqual([]);
  });
});
