import { DEFAULT_DOMAINS, type Domain, type WatchedItem } from "@hubhooks/schemas";
import type { Kysely, Transaction } from "kysely";
import { lockAccount } from "../accounts/lock-account.js";
import { CapReachedError } from "../core/errors.js";
import { newObjectId } from "../core/ids.js";
import { newSigningSecret, SIGNING_ROTATION_OVERLAP_MS } from "../core/signing.js";
import type { Database, WebhookRow } from "../store/schema.js";

export interface WebhookRecord {
  id: string;
  ownerId: string;
  url: string;
  secret: string | null;
  domains: Domain[];
  disabled: boolean;
  disabledReason: string | null;
  signingSecret: string | null;
  /** When the current streak of failed attempts began; null after a success. */
  failingSince: number | null;
  watched: WatchedItem[];
  createdAt: number;
  updatedAt: number;
}

export interface WebhookChanges {
  url?: string | undefined;
  watched?: WatchedItem[] | undefined;
  domains?: Domain[] | undefined;
  secret?: string | null | undefined;
}

async function loadWatched(db: Kysely<Database>, ids: string[]): Promise<Map<string, WatchedItem[]>> {
  const byWebhook = new Map<string, WatchedItem[]>();
  if (ids.length === 0) return byWebhook;
  const rows = await db
    .selectFrom("webhook_watched")
    .select(["webhook_id", "type", "name"])
    .where("webhook_id", "in", ids)
    .orderBy("webhook_id")
    .orderBy("position")
    .execute();
  for (const row of rows) {
    const items = byWebhook.get(row.webhook_id) ?? [];
    items.push({ type: row.type as WatchedItem["type"], name: row.name });
    byWebhook.set(row.webhook_id, items);
  }
  return byWebhook;
}

function toRecord(row: WebhookRow, watched: WatchedItem[]): WebhookRecord {
  return {
    id: row.id,
    ownerId: row.owner_id,
    url: row.url,
    secret: row.secret,
    domains: JSON.parse(row.domains) as Domain[],
    disabled: row.disabled === 1,
    disabledReason: row.disabled_reason ?? null,
    signingSecret: row.signing_secret ?? null,
    failingSince: row.failing_since ?? null,
    watched,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function replaceWatched(trx: Transaction<Database>, webhookId: string, watched: WatchedItem[]): Promise<void> {
  await trx.deleteFrom("webhook_watched").where("webhook_id", "=", webhookId).execute();
  await trx
    .insertInto("webhook_watched")
    .values(watched.map((item, position) => ({ webhook_id: webhookId, position, type: item.type, name: item.name })))
    .execute();
}

export async function listWebhooks(db: Kysely<Database>, ownerId: string): Promise<WebhookRecord[]> {
  const rows = await db
    .selectFrom("webhooks")
    .selectAll()
    .where("owner_id", "=", ownerId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const watched = await loadWatched(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toRecord(row, watched.get(row.id) ?? []));
}

/** The owner's webhook, or undefined when it does not exist or belongs to someone else. */
export async function findWebhook(
  db: Kysely<Database>,
  ownerId: string,
  id: string,
): Promise<WebhookRecord | undefined> {
  const row = await db
    .selectFrom("webhooks")
    .selectAll()
    .where("id", "=", id)
    .where("owner_id", "=", ownerId)
    .executeTakeFirst();
  if (!row) return undefined;
  const watched = await loadWatched(db, [id]);
  return toRecord(row, watched.get(id) ?? []);
}

/** Counts the owner's webhooks with the owner's row locked: concurrent creations cannot pass the cap together. */
async function assertRoomForWebhook(trx: Kysely<Database>, ownerId: string, max: number): Promise<void> {
  await lockAccount(trx, ownerId);
  const row = await trx
    .selectFrom("webhooks")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("owner_id", "=", ownerId)
    .executeTakeFirstOrThrow();
  if (Number(row.count) >= max) {
    throw new CapReachedError(
      `this account has ${Number(row.count)} webhooks, the most this server allows per account (${max}): delete one first`,
    );
  }
}

export async function insertWebhook(
  db: Kysely<Database>,
  ownerId: string,
  input: { url: string; watched: WatchedItem[]; domains?: Domain[] | undefined; secret?: string | undefined },
  /** Most webhooks the owner may have (0: no cap); over it, a CapReachedError and nothing written. */
  maxPerAccount: number,
): Promise<WebhookRecord> {
  // Defaults of the Hub: every domain; an empty secret means none.
  const fields = {
    url: input.url,
    watched: input.watched,
    domains: input.domains ?? [...DEFAULT_DOMAINS],
    secret: input.secret || null,
  };
  const now = Date.now();
  const id = newObjectId(now);
  await db.transaction().execute(async (trx) => {
    if (maxPerAccount > 0) await assertRoomForWebhook(trx, ownerId, maxPerAccount);
    await trx
      .insertInto("webhooks")
      .values({
        id,
        owner_id: ownerId,
        url: fields.url,
        secret: fields.secret,
        domains: JSON.stringify(fields.domains),
        disabled: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await replaceWatched(trx, id, fields.watched);
  });
  return {
    id,
    ownerId,
    ...fields,
    disabled: false,
    disabledReason: null,
    signingSecret: null,
    failingSince: null,
    createdAt: now,
    updatedAt: now,
  };
}

export async function updateWebhook(
  db: Kysely<Database>,
  ownerId: string,
  id: string,
  changes: WebhookChanges & { disabled?: boolean },
): Promise<WebhookRecord | undefined> {
  const updated = await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("webhooks")
      .set({
        updated_at: Date.now(),
        ...(changes.url !== undefined && { url: changes.url }),
        ...(changes.secret !== undefined && { secret: changes.secret }),
        ...(changes.domains !== undefined && { domains: JSON.stringify(changes.domains) }),
        // A user's enable or disable replaces any reason the service recorded.
        ...(changes.disabled !== undefined && { disabled: changes.disabled ? 1 : 0, disabled_reason: null }),
      })
      .where("id", "=", id)
      .where("owner_id", "=", ownerId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    if (changes.watched) await replaceWatched(trx, id, changes.watched);
    return true;
  });
  return updated ? findWebhook(db, ownerId, id) : undefined;
}

export async function deleteWebhook(db: Kysely<Database>, ownerId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom("webhooks")
    .where("id", "=", id)
    .where("owner_id", "=", ownerId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Turns on Standard Webhooks signing with a new secret, or rotates it: the previous secret keeps signing beside
 * the new one for 24 h, so receivers can switch without dropping a delivery. `off` turns signing off.
 */
export async function setSigningSecret(
  db: Kysely<Database>,
  ownerId: string,
  id: string,
  action: "rotate" | "off",
): Promise<WebhookRecord | undefined> {
  const now = Date.now();
  const change = action === "off" ? "off" : { secret: newSigningSecret(), overlapMs: SIGNING_ROTATION_OVERLAP_MS };
  const result = await db
    .updateTable("webhooks")
    .set((eb) =>
      change === "off"
        ? { signing_secret: null, previous_signing_secret: null, previous_signing_expires_at: null, updated_at: now }
        : {
            previous_signing_secret: eb.ref("signing_secret"),
            previous_signing_expires_at: eb
              .case()
              .when("signing_secret", "is not", null)
              .then(now + change.overlapMs)
              .else(null)
              .end(),
            signing_secret: change.secret,
            updated_at: now,
          },
    )
    .where("id", "=", id)
    .where("owner_id", "=", ownerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0 ? findWebhook(db, ownerId, id) : undefined;
}
