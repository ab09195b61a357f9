import { type Domain, domainOfScope, type EventInput, namespaceOf } from "@hubhooks/schemas";
import type { Kysely } from "kysely";
import { jsonValues } from "../store/json-rows.js";
import type { DialectName } from "../store/open-database.js";
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

const UNKNOWN: Namespace = { id: undefined, readers: new Set() };

/** Users and orgs of `names`, with who may read their private repos, in three queries for any number of names. */
export async function loadNamespaces(
  db: Kysely<Database>,
  dialect: DialectName,
  names: string[],
): Promise<Map<string, Namespace>> {
  const found = new Map<string, Namespace>();
  if (names.length === 0) return found;
  const users = await db
    .selectFrom("users")
    .select(["id", "name"])
    .where("name", "in", jsonValues(dialect, names))
    .execute();
  for (const user of users) found.set(user.name, { id: user.id, readers: new Set([user.id]) });
  const orgNames = names.filter((name) => !found.has(name));
  if (orgNames.length === 0) return found;
  const members = await db
    .selectFrom("orgs")
    .leftJoin("org_members", "org_members.org_id", "orgs.id")
    .select(["orgs.id", "orgs.name", "org_members.user_id"])
    .where("orgs.name", "in", jsonValues(dialect, orgNames))
    .execute();
  for (const row of members) {
    const namespace = found.get(row.name) ?? { id: row.id, readers: new Set<string>() };
    if (row.user_id) namespace.readers.add(row.user_id);
    found.set(row.name, namespace);
  }
  return found;
}

export function namespaceFor(namespaces: Map<string, Namespace>, repoName: string): Namespace {
  const name = namespaceOf(repoName);
  return (name && namespaces.get(name)) || UNKNOWN;
}

interface Watcher extends MatchedWebhook {
  domains: Domain[];
}

/**
 * Matches a batch of events in one query: every enabled webhook that watches one of the batch's repos or
 * namespaces, then per event, those subscribed to the scope's domain (an unknown narrower scope such as
 * "repo.config.dois" falls under its root's domain). Private repos reach only webhooks whose owner may read them.
 * Canonical repos (`gpt2`) have no namespace, so only webhooks watching the repo itself match them.
 */
export interface EventMatch {
  webhooks: MatchedWebhook[];
  /** Why nothing matched, in words for whoever published the event; undefined when something did. */
  reason: string | undefined;
}

function noMatchReason(input: EventInput, candidates: Watcher[], domain: Domain, afterDomain: number): string {
  const namespace = namespaceOf(input.repo.name);
  const what = `${input.repo.type} ${input.repo.name}`;
  if (candidates.length === 0) {
    return `no enabled webhook watches ${what}${namespace ? ` or ${namespace}` : " (a canonical repo: only watches of the repo itself match)"}`;
  }
  if (afterDomain === 0) return `the webhooks watching ${what} are not subscribed to the "${domain}" domain`;
  return `${what} is private and no webhook watching it belongs to ${namespace ?? "its owner"} or a member of that org`;
}

export async function matchEvents(
  db: Kysely<Database>,
  dialect: DialectName,
  inputs: EventInput[],
  namespaces: Map<string, Namespace>,
): Promise<EventMatch[]> {
  const watchedKeys = new Set<string>();
  const types = new Set<string>();
  const names = new Set<string>();
  for (const input of inputs) {
    watchedKeys.add(`${input.repo.type}:${input.repo.name}`);
    types.add(input.repo.type);
    names.add(input.repo.name);
    const namespace = namespaceOf(input.repo.name);
    if (namespace) {
      watchedKeys.add(`user:${namespace}`);
      watchedKeys.add(`org:${namespace}`);
      types.add("user").add("org");
      names.add(namespace);
    }
  }
  const rows = await db
    .selectFrom("webhook_watched")
    .innerJoin("webhooks", "webhooks.id", "webhook_watched.webhook_id")
    .select(["webhooks.id", "webhooks.owner_id", "webhooks.domains", "webhook_watched.type", "webhook_watched.name"])
    .where("webhooks.disabled", "=", 0)
    // (type, name) pairs are filtered below; these bounds let the (type, name) index do the work.
    .where("webhook_watched.type", "in", [...types])
    .where("webhook_watched.name", "in", jsonValues(dialect, [...names]))
    .execute();
  const byKey = new Map<string, Watcher[]>();
  const domainCache = new Map<string, Domain[]>();
  for (const row of rows) {
    let domains = domainCache.get(row.domains);
    if (!domains) {
      domains = JSON.parse(row.domains) as Domain[];
      domainCache.set(row.domains, domains);
    }
    const key = `${row.type}:${row.name}`;
    if (!watchedKeys.has(key)) continue;
    const list = byKey.get(key) ?? [];
    list.push({ id: row.id, ownerId: row.owner_id, domains });
    byKey.set(key, list);
  }
  return inputs.map((input) => {
    const domain = domainOfScope(input.event.scope);
    if (!domain) return { webhooks: [], reason: `scope ${input.event.scope} belongs to no domain` };
    const namespaceName = namespaceOf(input.repo.name);
    // A repo that is only now created cannot have been watched by name: creation reaches user and org watches.
    const creation = input.event.scope === "repo" && input.event.action === "create";
    const candidates = [
      ...(creation ? [] : (byKey.get(`${input.repo.type}:${input.repo.name}`) ?? [])),
      ...(namespaceName
        ? [...(byKey.get(`user:${namespaceName}`) ?? []), ...(byKey.get(`org:${namespaceName}`) ?? [])]
        : []),
    ];
    const readers = namespaceFor(namespaces, input.repo.name).readers;
    const matched = new Map<string, MatchedWebhook>();
    let afterDomain = 0;
    for (const watcher of candidates) {
      if (matched.has(watcher.id) || !watcher.domains.includes(domain)) continue;
      afterDomain++;
      if (input.repo.private && !readers.has(watcher.ownerId)) continue;
      matched.set(watcher.id, { id: watcher.id, ownerId: watcher.ownerId });
    }
    const webhooks = [...matched.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return {
      webhooks,
      reason: webhooks.length > 0 ? undefined : noMatchReason(input, candidates, domain, afterDomain),
    };
  });
}
