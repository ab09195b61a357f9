import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Account } from "../core/account.js";
import { hashToken } from "../core/tokens.js";
import type { Database } from "../store/schema.js";

const SESSION_MS = 7 * 24 * 3_600_000;

export interface Session {
  account: Account;
  csrfToken: string;
}

/** A new session for the user: the cookie value is returned once; only its hash is stored. */
export async function createSession(db: Kysely<Database>, userId: string): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  const now = Date.now();
  await db
    .insertInto("sessions")
    .values({
      id_hash: hashToken(id),
      user_id: userId,
      csrf_token: randomBytes(24).toString("base64url"),
      created_at: now,
      expires_at: now + SESSION_MS,
    })
    .execute();
  return id;
}

export async function findSession(db: Kysely<Database>, id: string): Promise<Session | undefined> {
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select(["users.id", "users.name", "users.publisher", "sessions.csrf_token"])
    .where("sessions.id_hash", "=", hashToken(id))
    .where("sessions.expires_at", ">", Date.now())
    .executeTakeFirst();
  if (!row) return undefined;
  return { account: { id: row.id, name: row.name, publisher: row.publisher === 1 }, csrfToken: row.csrf_token };
}

export async function deleteSession(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom("sessions").where("id_hash", "=", hashToken(id)).execute();
}
