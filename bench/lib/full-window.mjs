import { sql } from "kysely";
import { openDatabase } from "../../packages/server/dist/index.js";
import { ingest, startService } from "./service.mjs";
import { percentile, progress, sleep } from "./stats.mjs";

const DAY = 86_400_000;

/**
 * Fills the trigger window of `webhookId` the way a busy webhook's last 24 h would: `rows` delivered, counted
 * deliveries spread evenly over the window, written straight with SQL for speed, with the trigger limit's running
 * count that ingest would have kept for them.
 */
export async function fillWindow(database, webhookId, rows) {
  progress(`filling a 24 h window with ${rows} deliveries`);
  const { db, dialect, close } = await openDatabase(database);
  try {
    const start = Date.now() - DAY + 60_000;
    const step = Math.floor((DAY - 120_000) / rows);
    // Ids below any ObjectId (those begin with the creation time), so no clash with the deliveries to come.
    const id = dialect === "postgres" ? sql`lpad(to_hex(i), 24, '0')` : sql`printf('%024x', i)`;
    await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${rows})
      insert into deliveries (id, webhook_id, event_id, status, scope, action, repo_name, payload, counted, attempts,
        next_attempt_at, created_at, updated_at)
      select ${id}, ${webhookId}, ${id}, 'delivered', 'repo.content', 'update', 'model/bench/old', '', 1, 1, null,
        cast(${start} as bigint) + i * ${step}, cast(${start} as bigint) + i * ${step}
      from n`.execute(db);
    // The trigger limit's running count (store/trigger-counts.ts), as ingest keeps it: per second, and the sum.
    const first = Math.floor((Date.now() - DAY) / 1000) + 1;
    await sql`delete from trigger_buckets where webhook_id = ${webhookId}`.execute(db);
    await sql`delete from trigger_windows where webhook_id = ${webhookId}`.execute(db);
    await sql`insert into trigger_buckets (webhook_id, bucket, count)
      select webhook_id, created_at / 1000, count(*) from deliveries
      where webhook_id = ${webhookId} and counted = 1 and created_at >= ${first * 1000}
      group by webhook_id, created_at / 1000`.execute(db);
    await sql`insert into trigger_windows (webhook_id, first_bucket, total)
      select ${webhookId}, cast(${first} as bigint), coalesce(sum(count), 0) from trigger_buckets
      where webhook_id = ${webhookId}`.execute(db);
    // Settled, as a server that had been busy all day would be: the WAL checkpointed, the planner's statistics new.
    if (dialect === "sqlite") await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    else await sql`analyze`.execute(db);
  } finally {
    await close();
  }
  // better-sqlite3 held the event loop for seconds: let the keep-alive sockets the services closed meanwhile be
  // seen closed before the next request (undici would otherwise send a POST on one of them).
  await sleep(200);
}

/** A `prepare` for the scenarios: creates nothing, fills the window of the webhook they created. */
export const fullWindow = (rows) => (service, webhookId) => fillWindow(service.database, webhookId, rows);

/**
 * Ingest cost: POSTs of 100 events, one after the other, each matching one webhook (no worker running, so only
 * ingest is measured), in ms per POST (median and p90), on a fresh database and on one whose webhook has `rows`
 * deliveries in its window. The two services take turns, POST by POST, so both see the same load on the machine.
 */
export async function ingestCosts({ databases = [undefined, undefined], rows, posts = 40 }) {
  const services = [];
  try {
    for (const [i, database] of databases.entries()) {
      const service = await startService({ database, deliver: false });
      services.push(service);
      const { webhook } = await service.api("POST", "/api/settings/webhooks", {
        url: "http://127.0.0.1:9/unused",
        watched: [{ type: "org", name: "bench" }],
      });
      if (i === 1) await fillWindow(service.database, webhook.id, rows);
      await ingest(service, 300, "bench/warm-"); // warm-up: JIT, prepared statements, caches
    }
    const times = services.map(() => []);
    for (let i = 0; i < posts; i++) {
      for (const [s, service] of services.entries()) {
        const started = performance.now();
        await ingest(service, 100, `bench/cost-${i}-`);
        times[s].push(performance.now() - started);
      }
    }
    const [fresh, full] = times.map((list) => {
      list.sort((a, b) => a - b);
      return { medianMs: percentile(list, 0.5), p90Ms: percentile(list, 0.9) };
    });
    return { fresh, full };
  } finally {
    for (const service of services) await service.stop();
  }
}
