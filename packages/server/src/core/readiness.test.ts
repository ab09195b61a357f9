import { sql } from "kysely";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { startThrowawayPostgres } from "../../../../test-support/postgres/start-throwaway-postgres.mjs";
import { createServer, type HubhooksServer } from "../server.js";
import { DIALECTS, useServer, waitUntil } from "../test-support/harness.js";

const readiness = async (server: HubhooksServer) => {
  const res = await server.app.request("/ready");
  return { status: res.status, body: (await res.json()) as Record<string, string> };
};

describe.each(DIALECTS)("/ready on %s", (dialect) => {
  const h = useServer(dialect, { worker: true });

  it("is ready with the database answering, its schema at head and the worker claiming; /health stays apart", async () => {
    const { status, body } = await readiness(h.server);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: "ready", database: "ok", migrations: "at head", worker: "claiming" });
    expect((await h.server.app.request("/health")).status).toBe(200);
  });

  it("is not ready once another release migrated the database further, and ready again when it is back", async () => {
    await sql`insert into kysely_migration (name, timestamp) values ('9999_from_a_newer_release', '2026-12-03')`.execute(
      h.server.db,
    );
    try {
      const { status, body } = await readiness(h.server);
      expect(status).toBe(503);
      expect(body.error).toMatch(/database schema at 9999_from_a_newer_release, expected 00/);
      expect((await h.server.app.request("/health")).status).toBe(200);
    } finally {
      await sql`delete from kysely_migration where name = '9999_from_a_newer_release'`.execute(h.server.db);
    }
    expect((await readiness(h.server)).status).toBe(200);
  });
});

describe("/ready while PostgreSQL is stopped", () => {
  let postgres: Awaited<ReturnType<typeof startThrowawayPostgres>> | undefined;
  let server: HubhooksServer | undefined;
  afterAll(async () => {
    await server?.close();
    await postgres?.stop();
  });

  it("turns false while PostgreSQL is stopped and true again once it is back, worker and all", async () => {
    // A PostgreSQL of its own: the one the other suites share must stay up.
    postgres = await startThrowawayPostgres();
    server = await createServer({
      database: postgres.url,
      logger: pino({ level: "silent" }),
      delivery: { pollIntervalMs: 50 },
    });
    server.worker.start();
    const ready = server;
    await waitUntil(async () => (await readiness(ready)).status === 200, 30_000, "ready before the outage");

    await postgres.pause();
    const down = await waitUntil(
      async () => {
        const answer = await readiness(ready);
        return answer.status === 503 ? answer : undefined;
      },
      30_000,
      "not ready while PostgreSQL is stopped",
    );
    expect(down.body).toMatchObject({ status: "not ready", database: "unreachable" });
    expect(down.body.error).toMatch(/^database unreachable/);
    // Alive all the same: a liveness probe must not restart a process for an outage of its database.
    expect((await ready.app.request("/health")).status).toBe(200);

    await postgres.resume();
    const back = await waitUntil(
      async () => {
        const answer = await readiness(ready);
        return answer.status === 200 ? answer : undefined;
      },
      30_000,
      "ready once PostgreSQL is back",
    );
    expect(back.body).toMatchObject({ status: "ready", database: "ok", worker: "claiming" });
  }, 120_000);
});
