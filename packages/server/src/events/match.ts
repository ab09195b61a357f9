import { type Domain, domainOfScope, type EventInput } from "@hubhooks/schemas";
import type { Kysely } from "kysely";
import type { Database } from "../store/schema.js";

export interface MatchedWebhook {
  id: string;
  ownerId: string;
}

export interface Namespace {
  /** Id of the user or org with this name, if it exists here. */
  id: string | undefined;
  /** Users who may see the namespace's private repos: the user itself, or the org's members. */
  readers: Set<string>;
}

export async function loadNamespace(db: Kysely<Database>, name: string): Promise<Namespace> {
  const user = await db.selectFrom("users").select("id").where("name", "=", name).executeTakeFirst();
  if (user) return { id: user.id, readers: new Set([user.id]) };
  const org = await db.selectFrom("orgs").select("id").where("name", "=", name).executeTakeFirst();
  if (!org) return { id: undefined, readers: new Set() };
  const members = await db.selectFrom("org_members").select("user_id").where("org_id", "=", org.id).execute();
  return { id: org.id, readers: new Set(members.map((member) => member.user_id)) };
}

/**
 * Enabled webhooks that watch the repo itself or its namespace, subscribed to the scope's domain (an unknown
 * narrower scope such as "repo.config.dois" falls under its root's domain). Private repos reach only webhooks
 * whose owner may read them.
 */
export async function matchWebhooks(
  db: Kysely<Database>,
  input: EventInput,
  namespace: Namespace,
): Promise<MatchedWebhook[]> {
  const domain = domainOfScope(input.event.scope);
  if (!domain) return [];
  const namespaceName = input.repo.name.split("/")[0] as string;
  const rows = await db
    .selectFrom("webhooks")
    .innerJoin("webhook_watched", "webhook_watched.webhook_id", "webhooks.id")
    .select(["webhooks.id", "webhooks.owner_id", "webhooks.domains"])
    .distinct()
    .where("webhooks.disabled", "=", 0)
    .where((eb) =>
      eb.or([
        eb.and([eb("webhook_watched.type", "=", input.repo.type), eb("webhook_watched.name", "=", input.repo.name)]),
        eb.and([eb("webhook_watched.type", "in", ["user", "org"]), eb("webhook_watched.name", "=", namespaceName)]),
      ]),
    )
    .orderBy("webhooks.id")
    .execute();
  return rows
    .filter((row) => (JSON.parse(row.domains) as Domain[]).includes(domain))
    .filter((row) => !input.repo.private || namespace.readers.has(row.owner_id))
    .map((row) => ({ id: row.id, ownerId: row.owner_id }));
}
