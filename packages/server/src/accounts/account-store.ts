import { isValidNamespace } from "@hubhooks/schemas";
import type { Kysely } from "kysely";
import type { Account } from "../core/account.js";
import { newObjectId } from "../core/ids.js";
import { hashToken, newAccessToken } from "../core/tokens.js";
import type { Database, UserRow } from "../store/schema.js";
import { isReservedName, reservedNameMessage } from "./reserved-names.js";

export type { Account };

function toAccount(row: Pick<UserRow, "id" | "name" | "publisher">): Account {
  return { id: row.id, name: row.name, publisher: row.publisher === 1 };
}

export class AccountError extends Error {}

/** The Hub's rules for user and org names: letters, digits, "-", "_", "."; no separator at either end. */
export function assertValidAccountName(name: string): void {
  if (!isValidNamespace(name)) {
    throw new AccountError(
      `"${name}" is not a valid name: use 1 to 96 letters, digits, "-", "_" or ".", starting and ending with a letter or digit`,
    );
  }
  if (isReservedName(name)) throw new AccountError(reservedNameMessage(name));
}

export async function assertNameFree(db: Kysely<Database>, name: string): Promise<void> {
  assertValidAccountName(name);
  // Users and orgs share one namespace on the Hub: "julien-c/x" can only belong to one of them.
  const user = await db.selectFrom("users").select("id").where("name", "=", name).executeTakeFirst();
  const org = await db.selectFrom("orgs").select("id").where("name", "=", name).executeTakeFirst();
  if (user || org) throw new AccountError(`the name "${name}" is already taken`);
}

export async function createUser(
  db: Kysely<Database>,
  name: string,
  options: { publisher?: boolean } = {},
): Promise<{ account: Account; token: string }> {
  await assertNameFree(db, name);
  const row = { id: newObjectId(), name, publisher: options.publisher ? 1 : 0, created_at: Date.now() };
  await db.insertInto("users").values(row).execute();
  const token = await issueToken(db, row.id);
  return { account: toAccount(row), token };
}

export async function issueToken(db: Kysely<Database>, userId: string): Promise<string> {
  const token = newAccessToken();
  await db
    .insertInto("tokens")
    .values({ token_hash: hashToken(token), user_id: userId, created_at: Date.now() })
    .execute();
  return token;
}

export async function findUserByName(db: Kysely<Database>, name: string): Promise<Account | undefined> {
  const row = await db
    .selectFrom("users")
    .select(["id", "name", "publisher"])
    .where("name", "=", name)
    .executeTakeFirst();
  return row && toAccount(row);
}

export async function findUserByToken(db: Kysely<Database>, token: string): Promise<Account | undefined> {
  const row = await db
    .selectFrom("tokens")
    .innerJoin("users", "users.id", "tokens.user_id")
    .select(["users.id", "users.name", "users.publisher"])
    .where("tokens.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  return row && toAccount(row);
}

export async function listUsers(db: Kysely<Database>): Promise<Account[]> {
  const rows = await db.selectFrom("users").select(["id", "name", "publisher"]).orderBy("name").execute();
  return rows.map(toAccount);
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const { count } = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(count);
}

export async function setPublisher(db: Kysely<Database>, userId: string, publisher: boolean): Promise<void> {
  await db
    .updateTable("users")
    .set({ publisher: publisher ? 1 : 0 })
    .where("id", "=", userId)
    .execute();
}

/**
 * Makes sure user `name` exists (a publisher when created here) and that `token` is one of its tokens: how an
 * operator hands a server its first token where no shell runs (a Space's secret).
 */
export async function ensureUserWithToken(db: Kysely<Database>, name: string, token: string): Promise<Account> {
  // Several API processes may start at once on an empty database with the same admin token (a container recipe
  // does): whichever creates the user or the token first wins, and the others use what it made.
  const account =
    (await findUserByName(db, name)) ??
    (await createUser(db, name, { publisher: true }).then(
      (created) => created.account,
      async (error: unknown) => {
        const made = await findUserByName(db, name);
        if (!made) throw error;
        return made;
      },
    ));
  const hash = hashToken(token);
  await db
    .insertInto("tokens")
    .values({ token_hash: hash, user_id: account.id, created_at: Date.now() })
    .onConflict((conflict) => conflict.column("token_hash").doNothing())
    .execute();
  const held = await db.selectFrom("tokens").select("user_id").where("token_hash", "=", hash).executeTakeFirst();
  if (held?.user_id !== account.id) throw new AccountError("this token belongs to another user");
  return account;
}
