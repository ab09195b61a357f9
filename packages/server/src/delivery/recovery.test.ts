import SQLite from "better-sqlite3";
import pg from "pg";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, DIALECTS } from "../../../../test-support/databases.js";
import { TestReceiver } from "../../../../test-support/receiver.js";
import { createUser } from "../accounts/account-store.js";
import { deliveryConfig } from "../core/config.js";
import { Notifier } from "../core/notifier.js";
import { createServer, type HubhooksServer } from "../server.js";
import { openDatabase } from "../store/open-database.js";
import { useServer, waitUntil } from "../test-support/harness.js";
import { createRecovery, runRecovery } from "./recovery.js";

const FAILED = 2_000;
const logger = pino({ level: "silent" });
const HOOKS = "/api/settings/webhooks";

function call(server: HubhooksServer, token: string, method: string, path: string, body?: unknown) {
  return server.app.request(path, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
}

describe.each(DIALECTS)("bulk recovery on %s", (dialect) => {
  it(`re-queues ${FAILED} failed deliveries once each, across a restart in the middle of the job`, async () => {
    const database = await createTestDatabase(dialect);
    // A trigger limit above the test's 2 000, so recovery's daily budget (the same number) does not cut it short.
    const delivery = { rateLimit: { limit: 10_000, windowMs: 86_400_000 } };
    let server = await createServer({ database: database.location, logger, delivery });
    const { token } = await createUser(server.db, "recoverer");
    const created = await call(server, token, "POST", HOOKS, {
      url: "https://example.com/r",
      watched: [{ type: "user", name: "recoverer" }],
    });
    const { webhook } = (await created.json()) as { webhook: { id: string } };
    const now = Date.now();
    const row = (i: number, status: string) => ({
      id: `${(Math.floor(now / 1000) - 3600).toString(16)}${i.toString(16).padStart(16, "0")}`,
      webhook_id: webhook.id,
      event_id: "e".repeat(24),
      status,
      scope: "repo",
      action: "update",
      repo_name: "model/recoverer/x",
      payload: "{}",
      counted: 1,
      attempts: 8,
      next_attempt_at: null,
      lease_token: null,
      last_status_code: 500,
      last_error: "HTTP 500",
      last_duration_ms: 1,
      created_at: now - 3_600_000 + i,
      updated_at: now,
    });
    const rows = [
      ...Array.from({ length: FAILED }, (_, i) =>
        row(i, i % 3 === 0 ? "cancelled" : i % 3 === 1 ? "rate_limited" : "failed"),
      ),
      ...Array.from({ length: 300 }, (_, i) => row(FAILED + i, "delivered")),
    ];
    for (let i = 0; i < rows.length; i += 200)
      await server.db
        .insertInto("deliveries")
        .values(rows.slice(i, i + 200))
        .execute();

    const since = new Date(now - 2 * 3_600_000).toISOString();
    const started = await call(server, token, "POST", `${HOOKS}/${webhook.id}/recover`, { since });
    expect(started.status).toBe(202);
    const { recovery } = (await started.json()) as { recovery: { id: string; status: string } };
    // Stop while the job runs: it must go on from its cursor at the next start.
    await server.close();
    const between = await openDatabase(database.location);
    const stopped = await between.db.selectFrom("recoveries").selectAll().executeTakeFirstOrThrow();
    await between.close();
    expect(stopped.status).toBe("running");
    expect(stopped.queued).toBeLessThan(FAILED);
    server = await createServer({ database: database.location, logger, delivery });
    const path = `${HOOKS}/${webhook.id}/recover/${recovery.id}`;
    let job = { status: "running", queued: 0 };
    for (let i = 0; i < 200 && job.status !== "done"; i++) {
      job = ((await (await call(server, token, "GET", path)).json()) as { recovery: typeof job }).recovery;
      if (job.status !== "done") await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(job).toMatchObject({ status: "done", queued: FAILED });
    const byStatus = await server.db
      .selectFrom("deliveries")
      .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
      .where("webhook_id", "=", webhook.id)
      .groupBy("status")
      .execute();
    expect(Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)]))).toEqual({
      pending: FAILED,
      delivered: 300,
    });

    // The same window again is the same job: nothing is queued twice.
    const again = await call(server, token, "POST", `${HOOKS}/${webhook.id}/recover`, { since });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { recovery: { id: string; queued: number } }).recovery).toMatchObject({
      id: recovery.id,
      queued: FAILED,
    });

    const tooOld = await call(server, token, "POST", `${HOOKS}/${webhook.id}/recover`, {
      since: new Date(now - 15 * 86_400_000).toISOString(),
    });
    expect(tooOld.status).toBe(400);
    const backwards = await call(server, token, "POST", `${HOOKS}/${webhook.id}/recover`, { since, until: since });
    expect(backwards.status).toBe(400);
    const other = (await createUser(server.db, "stranger")).token;
    expect((await call(server, other, "GET", path)).status).toBe(404);
    await server.close();
    await database.drop();
  }, 60_000);
});

describe.each(DIALECTS)("recovery wakes the worker on %s", (dialect) => {
  // No poll to fall back on within the test: only the recovery's wake-up can get the deliveries sent.
  const h = useServer(dialect, { worker: true, delivery: { pollIntervalMs: 3_600_000 } });
  const receiver = new TestReceiver();
  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());

  it("sends what a recovery re-queued at once, because it wakes workers only after its page is committed", async () => {
    const { token } = await h.user("recoverer");
    const created = await h.call(token, "POST", HOOKS, {
      url: `${receiver.url}/recovered`,
      watched: [{ type: "user", name: "recoverer" }],
    });
    const { webhook } = (await created.json()) as { webhook: { id: string } };
    const now = Date.now();
    await h.server.db
      .insertInto("deliveries")
      .values(failedDeliveries(webhook.id, 5, now))
      .execute();
    const started = await h.call(token, "POST", `${HOOKS}/${webhook.id}/recover`, {
      since: new Date(now - 3_600_000).toISOString(),
    });
    expect(started.status).toBe(202);
    await waitUntil(() => receiver.requests.length === 5, 3_000, "the five recovered deliveries");
  });
});

/** `count` deliveries of `webhookId` that failed for good a minute before `now`, with their bodies stored. */
function failedDeliveries(webhookId: string, count: number, now: number) {
  return Array.from({ length: count }, (_, i) => ({
    id: `${Math.floor(now / 1000).toString(16)}${i.toString(16).padStart(16, "0")}`,
    webhook_id: webhookId,
    event_id: "e".repeat(24),
    status: "failed",
    scope: "repo",
    action: "update",
    repo_name: "model/recoverer/x",
    payload: `{"n":${i}}`,
    counted: 1,
    attempts: 8,
    next_attempt_at: null,
    lease_token: null,
    last_status_code: 500,
    last_error: "HTTP 500",
    last_duration_ms: 1,
    created_at: now - 60_000 + i,
    updated_at: now,
  }));
}

describe.each(DIALECTS)("recovery notifies after commit on %s", (dialect) => {
  it("a woken worker finds the re-queued deliveries: they are committed when the notifier is called", async () => {
    const database = await createTestDatabase(dialect);
    const { db, close } = await openDatabase(database.location);
    const { account } = await createUser(db, "recoverer");
    const webhookId = "a".repeat(24);
    await db
      .insertInto("webhooks")
      .values({
        id: webhookId,
        owner_id: account.id,
        url: "https://example.com/r",
        secret: null,
        domains: '["repo"]',
        disabled: 0,
        disabled_reason: null,
        created_at: 1,
        updated_at: 1,
      })
      .execute();
    const now = Date.now();
    await db
      .insertInto("deliveries")
      .values(failedDeliveries(webhookId, 5, now))
      .execute();

    // What a worker in another process would see the moment it is woken: a read on a connection of its own,
    // sent from inside the notifier call (synchronous on SQLite; on PostgreSQL the query leaves before any later
    // statement of the recovery can).
    const due = "select count(*) as n from deliveries where status = 'pending'";
    const seen: Array<Promise<number>> = [];
    const notifier = new Notifier();
    let release: () => Promise<void>;
    if (dialect === "sqlite") {
      const reader = new SQLite(database.location, { readonly: true });
      notifier.subscribe(() => seen.push(Promise.resolve((reader.prepare(due).get() as { n: number }).n)));
      release = async () => {
        reader.close();
      };
    } else {
      const reader = new pg.Client({ connectionString: database.location });
      await reader.connect();
      notifier.subscribe(() => seen.push(reader.query(due).then((result) => Number(result.rows[0].n))));
      release = () => reader.end();
    }
    const { recovery } = await createRecovery(db, webhookId, { since: now - 3_600_000, until: undefined });
    await runRecovery({ db, dialect, logger, notifier, config: deliveryConfig() }, recovery.id);
    expect(await Promise.all(seen)).toEqual([5]);
    await release();
    await close();
    await database.drop();
  });
});
