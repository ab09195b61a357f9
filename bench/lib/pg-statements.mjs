import pg from "pg";

/**
 * BENCH_PG_STATEMENTS=1: where PostgreSQL's time goes, from pg_stat_statements (the server is then started with
 * it preloaded). `reset()` before a run, `report(database, deliveries)` after: the statements of that database
 * by total execution time, in µs per delivery, printed to stderr and returned.
 */
export const PG_STATEMENTS = process.env.BENCH_PG_STATEMENTS === "1";

export const pgStatementsFlags = PG_STATEMENTS
  ? [
      "-c",
      "shared_preload_libraries=pg_stat_statements",
      "-c",
      "pg_stat_statements.track=all",
      "-c",
      "pg_stat_statements.track_planning=on",
    ]
  : [];

async function withClient(url, run) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function resetStatements(database) {
  if (!PG_STATEMENTS) return;
  await withClient(database, async (client) => {
    await client.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    await client.query("SELECT pg_stat_statements_reset()");
  });
}

export async function reportStatements(database, deliveries, label) {
  if (!PG_STATEMENTS) return undefined;
  return withClient(database, async (client) => {
    const { rows } = await client.query(
      `SELECT calls, rows, total_exec_time AS ms, total_plan_time AS plan_ms, wal_records, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS query
         FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        ORDER BY total_exec_time DESC LIMIT 14`,
    );
    const statements = rows.map((r) => ({
      microsPerDelivery: (r.ms * 1000) / deliveries,
      planMicrosPerDelivery: (r.plan_ms * 1000) / deliveries,
      walRecordsPerDelivery: Number(r.wal_records) / deliveries,
      calls: Number(r.calls),
      rows: Number(r.rows),
      query: r.query,
    }));
    // How many updates of the outbox table were HOT (no index entry written): the claim's should be.
    const { rows: updates } = await client.query(
      `SELECT coalesce(sum(n_tup_upd), 0) AS upd, coalesce(sum(n_tup_hot_upd), 0) AS hot
         FROM pg_stat_user_tables WHERE relname IN ('deliveries', '_private_jobs')`,
    );
    const hot = { updates: Number(updates[0].upd), hot: Number(updates[0].hot) };
    const total = statements.reduce((sum, s) => sum + s.microsPerDelivery, 0);
    const wal = statements.reduce((sum, s) => sum + s.walRecordsPerDelivery, 0);
    process.stderr.write(
      `\n  pg_stat_statements, ${label}: ${total.toFixed(0)} µs and ${wal.toFixed(1)} WAL records per delivery; ${hot.hot} of ${hot.updates} outbox row updates HOT\n`,
    );
    for (const s of statements)
      process.stderr.write(
        `  ${s.microsPerDelivery.toFixed(1).padStart(7)} µs (+${s.planMicrosPerDelivery.toFixed(1).padStart(5)} planning) ${s.walRecordsPerDelivery.toFixed(2).padStart(6)} wal ${String(s.calls).padStart(6)} calls  ${s.query}\n`,
      );
    return { totalMicrosPerDelivery: total, walRecordsPerDelivery: wal, hotUpdates: hot, statements };
  });
}
