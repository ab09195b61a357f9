import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { lockAccount } from "../accounts/lock-account.js";
import { CapReachedError } from "../core/errors.js";
import type { Database, RelayChannelRow } from "../store/schema.js";

/** A listener counts as connected while its stream reported within this time (it reports every few seconds). */
export const LISTENER_ALIVE_MS = 15_000;

/** 24 random bytes as URL-safe base64: 32 characters, 192 bits. */
/**
 * 32 URL-safe characters (192 random bits), never starting with "-": a user pastes the id after a command
 * (`hubhooks relay events <id>`), where a leading dash reads as an option (1 id in 64 did).
 */
export function newChannelId(): string {
  for (;;) {
    const id = randomBytes(24).toString("base64url");
    if (!id.startsWith("-")) return id;
  }
}

export interface ChannelRecord extends RelayChannelRow {
  pending: number;
}

/** Locks the owner's row (PostgreSQL; SQLite writes one at a time) so concurrent creations count one by one. */
async function assertRoomForChannel(trx: Kysely<Database>, ownerId: string, max: number): Promise<void> {
  await lockAccount(trx, ownerId);
  const row = await trx
    .selectFrom("relay_channels")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("owner_id", "=", ownerId)
    .where("webhook_id", "is", null)
    .executeTakeFirstOrThrow();
  if (Number(row.count) >= max) {
    throw new CapReachedError(
      `this account has ${Number(row.count)} relay channels, the most this server allows per account (${max}): delete one first`,
    );
  }
}

export async function insertChannel(
  db: Kysely<Database>,
  ownerId: string,
  input: { name: string; webhookId?: string },
  /** Most channels the owner may have (0: no cap); webhook channels do not count. */
  maxPerAccount: number,
): Promise<RelayChannelRow> {
  const row: RelayChannelRow = {
    id: newChannelId(),
    owner_id: ownerId,
    name: input.name,
    webhook_id: input.webhookId ?? null,
    next_seq: 1,
    listener_seen_at: null,
    created_at: Date.now(),
  };
  await db.transaction().execute(async (trx) => {
    if (maxPerAccount > 0 && !input.webhookId) await assertRoomForChannel(trx, ownerId, maxPerAccount);
    await trx.insertInto("relay_channels").values(row).execute();
  });
  return row;
}

const withPending = (db: Kysely<Database>) =>
  db
    .selectFrom("relay_channels as c")
    .selectAll("c")
    .select((eb) =>
      eb
        .selectFrom("relay_events as e")
        .select((inner) => inner.fn.countAll<number>().as("n"))
        .whereRef("e.channel_id", "=", "c.id")
        .where("e.acked_at", "is", null)
        .as("pending"),
    );

const toRecord = (row: RelayChannelRow & { pending: number | string | null }): ChannelRecord => ({
  ...row,
  pending: Number(row.pending ?? 0),
});

/** The owner's channel; another user's or an unknown id is undefined alike. */
export async function findChannel(
  db: Kysely<Database>,
  ownerId: string,
  id: string,
): Promise<ChannelRecord | undefined> {
  const row = await withPending(db).where("c.id", "=", id).where("c.owner_id", "=", ownerId).executeTakeFirst();
  return row && toRecord(row);
}

/** A channel by its id alone: what its public URL finds. */
export async function findChannelById(db: Kysely<Database>, id: string): Promise<RelayChannelRow | undefined> {
  return db.selectFrom("relay_channels").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listChannels(db: Kysely<Database>, ownerId: string): Promise<ChannelRecord[]> {
  const rows = await withPending(db).where("c.owner_id", "=", ownerId).orderBy("c.created_at", "desc").execute();
  return rows.map(toRecord);
}

export async function deleteChannel(db: Kysely<Database>, ownerId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom("relay_channels")
    .where("id", "=", id)
    .where("owner_id", "=", ownerId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** A listener's sign of life (null: it went away). */
export async function markListener(db: Kysely<Database>, id: string, at: number | null): Promise<void> {
  await db.updateTable("relay_channels").set({ listener_seen_at: at }).where("id", "=", id).execute();
}

export const isListening = (row: Pick<RelayChannelRow, "listener_seen_at">, now = Date.now()): boolean =>
  row.listener_seen_at !== null && row.listener_seen_at > now - LISTENER_ALIVE_MS;

/**
 * The channel that streams a webhook's deliveries to `hubhooks listen --webhook`, made on first use; undefined
 * when the webhook is unknown or another user's.
 */
export async function webhookChannel(
  db: Kysely<Database>,
  ownerId: string,
  webhookId: string,
): Promise<ChannelRecord | undefined> {
  const webhook = await db
    .selectFrom("webhooks")
    .select("id")
    .where("id", "=", webhookId)
    .where("owner_id", "=", ownerId)
    .executeTakeFirst();
  if (!webhook) return undefined;
  const existing = await withPending(db).where("c.webhook_id", "=", webhookId).executeTakeFirst();
  if (existing) return toRecord(existing);
  try {
    await insertChannel(db, ownerId, { name: `webhook ${webhookId}`, webhookId }, 0);
  } catch {
    // Made meanwhile by another request: the unique webhook_id kept one.
  }
  const made = await withPending(db).where("c.webhook_id", "=", webhookId).executeTakeFirst();
  return made && toRecord(made);
}
