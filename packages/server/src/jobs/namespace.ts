import type { Kysely } from "kysely";
import type { Account } from "../core/account.js";
import type { Database } from "../store/schema.js";

export interface Namespace {
  id: string;
  name: string;
  type: "user" | "org";
}

/**
 * The namespace `name` as `account` may use it for jobs: their own, or an org they belong to. Any other name
 * (another user, an org they are not in, nothing) is undefined, answered as missing.
 */
export async function namespaceFor(
  db: Kysely<Database>,
  account: Account,
  name: string,
): Promise<Namespace | undefined> {
  if (name === account.name) return { id: account.id, name: account.name, type: "user" };
  const org = await db
    .selectFrom("orgs")
    .innerJoin("org_members", "org_members.org_id", "orgs.id")
    .select(["orgs.id", "orgs.name"])
    .where("orgs.name", "=", name)
    .where("org_members.user_id", "=", account.id)
    .executeTakeFirst();
  return org && { id: org.id, name: org.name, type: "org" };
}
