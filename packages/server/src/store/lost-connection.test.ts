import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { useServer } from "../test-support/harness.js";

// PostgreSQL restarted, a failover, an operator's pg_terminate_backend: the pool's idle connections die at once.
describe("a PostgreSQL server that drops every idle connection", () => {
  const h = useServer("postgres");
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);
  beforeAll(() => {
    process.on("uncaughtException", onUncaught);
  });
  afterAll(() => {
    process.off("uncaughtException", onUncaught);
  });

  it("costs no process and no request: the next query opens a new connection", async () => {
    const { token } = await h.user("alice");
    // Several requests at once, so the pool holds several idle connections afterwards.
    const list = () => h.call(token, "GET", "/api/settings/webhooks");
    for (const res of await Promise.all([list(), list(), list(), list()])) expect(res.status).toBe(200);
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(h.server.db);

    const admin = new pg.Client({ connectionString: inject("postgresUrl") });
    await admin.connect();
    const { rowCount } = await admin.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
      [rows[0]?.name],
    );
    await admin.end();
    expect(rowCount).toBeGreaterThan(0);
    // The pool hears its connections close as the server ends them; give it a moment to.
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(uncaught).toEqual([]);
    expect((await list()).status).toBe(200);
  });
});
