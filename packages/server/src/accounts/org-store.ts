import type { Kysely } from "kysely";
import { newObjectId } from "../core/ids.js";
import type { Database } from "../store/schema.js";
import { AccountError, assertValidAccountName, findUserByName } from "./account-store.js";

export interface Org {
  id: string;
  name: string;
  members: string[];
}

/** Creates the org if needed, then adds the named users as members. */
export async function createOrg(db: Kysely<Database>, name: string, memberNames: string[] = []): Promise<Org> {
  let org = await db.selectFrom("orgs").select(["id", "name"]).where("name", "=", name).executeTakeFirst();
  if (!org) {
    const user = await findUserByName(db, name);
    if (user) throw new AccountError(`the name "${name}" is already taken by a user`);
    assertValidAccountName(name);
    org = { id: newObjectId(), name };
    await db
      .insertInto("orgs")
      .values({ ...org, created_at: Date.now() })
      .execute();
  }
  for (const memberName of memberNames) {
    const user = await findUserByName(db, memberName);
    if (!user) throw new AccountError(`no user named "${memberName}"`);
    await db
      .insertInto("org_members")
      .values({ org_id: org.id, user_id: user.id })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  const members = await db
    .selectFrom("org_members")
    .innerJoin("users", "users.id", "org_members.user_id")
    .select("users.name")
    .where("org_members.org_id", "=", org.id)
    .orderBy("users.name")
    .execute();
  return { ...org, members: members.map((member) => member.name) };
}

/** Every org with its members' names, by name. */
export async function listOrgs(db: Kysely<Database>): Promise<Array<{ name: string; members: string[] }>> {
  const rows = await db
    .selectFrom("orgs")
    .leftJoin("org_members", "org_members.org_id", "orgs.id")
    .leftJoin("users", "users.id", "org_members.user_id")
    .select(["orgs.name as org", "users.name as member"])
    .orderBy("orgs.name")
    .orderBy("users.name")
    .execute();
  const orgs = new Map<string, string[]>();
  for (const row of rows) {
    const members = orgs.get(row.org) ?? [];
    if (row.member) members.push(row.member);
    orgs.set(row.org, members);
  }
  return [...orgs].map(([name, members]) => ({ name, members }));
}
