import { type Kysely, sql } from "kysely";
import { insertRows } from "./insert-rows.js";
import { jsonRows, jsonValues } from "./json-rows.js";
import type { DialectName } from "./open-database.js";
import type { Database } from "./schema.js";

/**
 * The running count behind the trigger limit, so checking it costs the same however much history a webhook has.
 *
 * What counts is unchanged: a webhook's deliveries with `counted = 1` and `created_at > since` (the sliding
 * window, exact to the millisecond). It is kept as:
 * - `trigger_buckets`: per webhook and second (`bucket = floor(created_at / 1000)`), how many counted triggers;
 * - `trigger_windows`: per webhook, `first_bucket` and `total`, the sum of its buckets from `first_bucket` on (older
 *   buckets are deleted as the window passes them).
 * The triggers in the window are then `total` once `first_bucket` is moved to the first whole second after `since`
 * (subtracting the buckets it passes, or rebuilding from the deliveries those it goes back over), plus the counted
 * deliveries of the window's first, partial second, read from the deliveries index (under a second of rows).
 *
 * Every change of `counted` goes through here in the same transaction: ingest (`openTriggerWindow`, then its
 * `save`), replays and recoveries (`countAgainstLimit`). One difference from counting the deliveries: a
 * counted delivery that retention deletes while still in the window (a retention shorter than the window) keeps
 * counting until the window passes it, as the trigger did happen.
 *
 * Concurrency: the caller of `openTriggerWindow` holds the webhooks' rows (ingests count one after the other);
 * it also locks their `trigger_windows` rows, which `countAgainstLimit` takes after the delivery rows
 * it changes, so neither waits on the other while holding what the other needs.
 */
export const BUCKET_MS = 1_000;

const bucketOf = (at: number) => Math.floor(at / BUCKET_MS);

export interface TriggerWindow {
  /** The triggers each webhook used in the window. */
  used: Map<string, number>;
  /** Saves the moved window with `added` new counted deliveries per webhook, created at `now`. */
  save(added: Map<string, number>, now: number): Promise<void>;
}

const WINDOW_COLUMNS = { webhook_id: "text", total: "bigint" } as const;
const BUCKET_COLUMNS = { webhook_id: "text", bucket: "bigint", count: "bigint" } as const;

/**
 * The triggers each webhook used in the window after `since`, with its running count moved to that window and
 * locked until the transaction ends; `save` writes it back with what the caller adds. A few statements for any
 * number of webhooks.
 */
export async function openTriggerWindow(
  trx: Kysely<Database>,
  dialect: DialectName,
  webhookIds: string[],
  since: number,
): Promise<TriggerWindow> {
  const totals = new Map<string, number>();
  const first = bucketOf(since) + 1;
  const ids = jsonValues(dialect, webhookIds);
  if (webhookIds.length === 0) return { used: totals, save: async () => {} };
  let select = trx.selectFrom("trigger_windows").select(["webhook_id", "first_bucket", "total"]);
  select = select.where("webhook_id", "in", ids).orderBy("webhook_id");
  const windows = await (dialect === "postgres" ? select.forUpdate() : select).execute();
  for (const row of windows) totals.set(row.webhook_id, Number(row.total));

  // Forward: the seconds the window has left.
  if (windows.some((row) => Number(row.first_bucket) < first)) {
    const left = await trx
      .selectFrom("trigger_buckets")
      .select(["webhook_id", (eb) => eb.fn.sum<number>("count").as("n")])
      .where("webhook_id", "in", ids)
      .where("bucket", "<", first)
      .groupBy("webhook_id")
      .execute();
    for (const row of left) totals.set(row.webhook_id, (totals.get(row.webhook_id) ?? 0) - Number(row.n));
    await trx.deleteFrom("trigger_buckets").where("webhook_id", "in", ids).where("bucket", "<", first).execute();
  }
  // Back (a longer window than before, or another process's clock behind): rebuild the seconds deleted.
  for (const row of windows.filter((window) => Number(window.first_bucket) > first)) {
    const added = await rebuildBuckets(trx, dialect, [row.webhook_id], first, Number(row.first_bucket));
    totals.set(row.webhook_id, (totals.get(row.webhook_id) ?? 0) + (added.get(row.webhook_id) ?? 0));
  }
  // A webhook not counted here yet (new, or filled without counts) is counted once from its deliveries.
  const found = new Set(windows.map((row) => row.webhook_id));
  const missing = webhookIds.filter((id) => !found.has(id));
  if (missing.length > 0) {
    const built = await rebuildBuckets(trx, dialect, missing, first, undefined);
    for (const id of missing) totals.set(id, built.get(id) ?? 0);
    const rows = missing.map((id) => ({ webhook_id: id, first_bucket: first, total: totals.get(id) ?? 0 }));
    await insertRows(trx, dialect, "trigger_windows", { ...WINDOW_COLUMNS, first_bucket: "bigint" }, rows);
  }

  // The window's first, partial second comes from the deliveries themselves.
  const partial = await trx
    .selectFrom("deliveries")
    .select(["webhook_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("webhook_id", "in", ids)
    .where("counted", "=", 1)
    .where("created_at", ">", since)
    .where("created_at", "<", first * BUCKET_MS)
    .groupBy("webhook_id")
    .execute();
  const used = new Map(totals);
  for (const row of partial) used.set(row.webhook_id, (used.get(row.webhook_id) ?? 0) + Number(row.n));

  return {
    used,
    async save(added, now) {
      const buckets = [...added]
        .filter(([, n]) => n > 0)
        .map(([id, n]) => ({ webhook_id: id, bucket: bucketOf(now), count: n }));
      if (buckets.length > 0) {
        const list = sql.raw(Object.keys(BUCKET_COLUMNS).join(", "));
        // `where true`: SQLite needs it to read the upsert after a SELECT.
        await sql`insert into trigger_buckets (${list}) select ${list} from ${jsonRows(dialect, BUCKET_COLUMNS, buckets)} as r
          where true on conflict (webhook_id, bucket) do update set count = trigger_buckets.count + excluded.count`.execute(
          trx,
        );
      }
      const rows = [...totals].map(([id, total]) => ({ webhook_id: id, total: total + (added.get(id) ?? 0) }));
      await sql`update trigger_windows set first_bucket = ${first}, total = r.total
        from ${jsonRows(dialect, WINDOW_COLUMNS, rows)} as r where trigger_windows.webhook_id = r.webhook_id`.execute(
        trx,
      );
    },
  };
}

/**
 * Makes existing deliveries count against their webhook's limit from now on (a replay, a recovery): those not
 * counted yet get `counted = 1`, and their seconds, if still in the running count, one more trigger. Call it after
 * any other change to these deliveries in the transaction (it locks the webhooks' counts last).
 */
export async function countAgainstLimit(trx: Kysely<Database>, deliveryIds: string[]): Promise<void> {
  if (deliveryIds.length === 0) return;
  const flipped = await trx
    .updateTable("deliveries")
    .set({ counted: 1 })
    .where("id", "in", deliveryIds)
    .where("counted", "=", 0)
    .returning(["webhook_id", "created_at"])
    .execute();
  if (flipped.length === 0) return;
  // An update is the lock on both dialects; it returns the newest first_bucket once it holds it.
  const windows = await trx
    .updateTable("trigger_windows")
    .set((eb) => ({ total: eb.ref("total") }))
    .where("webhook_id", "in", [...new Set(flipped.map((row) => row.webhook_id))])
    .returning(["webhook_id", "first_bucket"])
    .execute();
  const firstOf = new Map(windows.map((row) => [row.webhook_id, Number(row.first_bucket)]));
  // A second before first_bucket is the partial one (read from the deliveries) or out of the window.
  const counted = flipped.filter((row) => {
    const first = firstOf.get(row.webhook_id);
    return first !== undefined && bucketOf(Number(row.created_at)) >= first;
  });
  for (const row of counted) {
    await trx
      .insertInto("trigger_buckets")
      .values({ webhook_id: row.webhook_id, bucket: bucketOf(Number(row.created_at)), count: 1 })
      .onConflict((oc) =>
        oc.columns(["webhook_id", "bucket"]).doUpdateSet((eb) => ({ count: eb("trigger_buckets.count", "+", 1) })),
      )
      .execute();
    await trx
      .updateTable("trigger_windows")
      .set((eb) => ({ total: eb("total", "+", 1) }))
      .where("webhook_id", "=", row.webhook_id)
      .execute();
  }
}

/** Writes the buckets [from, to) of webhooks from their counted deliveries; returns what each got. */
async function rebuildBuckets(
  trx: Kysely<Database>,
  dialect: DialectName,
  webhookIds: string[],
  from: number,
  to: number | undefined,
): Promise<Map<string, number>> {
  const upper = to === undefined ? sql`` : sql`and created_at < ${to * BUCKET_MS}`;
  const second = sql.raw(`created_at / ${BUCKET_MS}`);
  await sql`insert into trigger_buckets (webhook_id, bucket, count)
    select webhook_id, ${second}, count(*) from deliveries
    where webhook_id in ${jsonValues(dialect, webhookIds)} and counted = 1 and created_at >= ${from * BUCKET_MS} ${upper}
    group by webhook_id, ${second}`.execute(trx);
  let sums = trx
    .selectFrom("trigger_buckets")
    .select(["webhook_id", (eb) => eb.fn.sum<number>("count").as("n")])
    .where("webhook_id", "in", jsonValues(dialect, webhookIds))
    .where("bucket", ">=", from);
  if (to !== undefined) sums = sums.where("bucket", "<", to);
  const rows = await sums.groupBy("webhook_id").execute();
  return new Map(rows.map((row) => [row.webhook_id, Number(row.n)]));
}
