import pino from "pino";
import { describe, expect, it } from "vitest";
import { createTestDatabase, DIALECTS } from "../../../../test-support/databases.js";
import { createUser } from "../accounts/account-store.js";
import { createServer, type HubhooksServer } from "../server.js";
import { openDatabase } from "../store/open-database.js";

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
    let server = await createServer({ database: database.location, logger });
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
    server = await createServer({ database: database.location, logger });
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
