import type { RepoType } from "@hubhooks/schemas";
import type { Context, Hono } from "hono";
import { type Kysely, sql } from "kysely";
import type { Account } from "../core/account.js";
import type { ServerDeps } from "../core/deps.js";
import { apiError } from "../core/errors.js";
import type { Database } from "../store/schema.js";
import { optionalAccount, type SandboxEnv } from "./repo-params.js";
import { toRepo } from "./repo-store.js";
import { repoInfo } from "./wire.js";

const PAGE = 1000;
const SORTS = { lastModified: "updated_at", createdAt: "created_at", id: "name" } as const;

/** The namespaces whose private repos `account` sees: its own and its orgs'. */
async function namespacesOf(db: Kysely<Database>, account: Account): Promise<string[]> {
  const orgs = await db
    .selectFrom("orgs")
    .innerJoin("org_members", "org_members.org_id", "orgs.id")
    .select("orgs.name")
    .where("org_members.user_id", "=", account.id)
    .execute();
  return [account.name, ...orgs.map((org) => org.name)];
}

/**
 * `GET /api/models|datasets|spaces` (`author`, `search`, `sort` lastModified | createdAt | id, `direction`, `limit`
 * a page, `cursor` from the `Link` header): the repos the caller may see, as `list_models` / `list_datasets` /
 * `list_spaces` read them (no siblings, as without `full`).
 */
export function listReposRoute(app: Hono<SandboxEnv>, deps: ServerDeps): void {
  const { db } = deps;
  // Three plain paths: a pattern "/:types{models|datasets|spaces}" alone also matched deeper paths
  // (/models/ns/name/discussions/1), taking them from the routes registered after this one.
  for (const type of ["model", "dataset", "space"] as const) {
    app.use(`/${type}s`, optionalAccount(db, deps.apiLimiter));
    app.get(`/${type}s`, (c) => list(c, type));
  }
  const list = async (c: Context<SandboxEnv>, type: RepoType) => {
    const sortKey = c.req.query("sort") ?? "lastModified";
    if (!(sortKey in SORTS)) throw apiError(400, `sort must be one of ${Object.keys(SORTS).join(", ")}`);
    const column = SORTS[sortKey as keyof typeof SORTS];
    const ascending = c.req.query("direction") === "1" || (sortKey === "id" && c.req.query("direction") !== "-1");
    const limitParam = c.req.query("limit");
    const limit = limitParam === undefined ? PAGE : Number(limitParam);
    if (!Number.isInteger(limit) || limit < 1) throw apiError(400, "limit must be a whole number from 1");
    const cursor = c.req.query("cursor");
    const decoded = cursor === undefined ? "0" : Buffer.from(cursor, "base64url").toString();
    const offset = Number(decoded);
    if (!/^\d{1,9}$/.test(decoded)) throw apiError(400, "Invalid cursor: pass back the one the Link header named");
    const author = c.req.query("author");
    const search = c.req.query("search")?.toLowerCase();
    const account = c.var.account;
    const mine = account ? await namespacesOf(db, account) : [];
    // Prefixes compared exactly (substr), not with LIKE: SQLite's LIKE ignores case, which would let "bob" see "BOB/…".
    const under = (namespace: string) => sql<boolean>`substr(name, 1, ${namespace.length + 1}) = ${`${namespace}/`}`;
    const escaped = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
    const rows = await db
      .selectFrom("sandbox_repos")
      .selectAll()
      .where("type", "=", type)
      .where((eb) =>
        eb.or([eb("private", "=", 0), ...(account ? [eb("created_by", "=", account.id)] : []), ...mine.map(under)]),
      )
      .$if(author !== undefined, (q) =>
        q.where(
          sql<boolean>`lower(substr(name, 1, ${(author ?? "").length + 1})) = ${`${(author ?? "").toLowerCase()}/`}`,
        ),
      )
      .$if(search !== undefined, (q) =>
        q.where(sql<boolean>`lower(name) like ${`%${escaped(search ?? "")}%`} escape '\\'`),
      )
      .orderBy(column, ascending ? "asc" : "desc")
      .orderBy("id", "asc")
      .limit(Math.min(limit, PAGE) + 1)
      .offset(offset)
      .execute();
    const page = rows.slice(0, Math.min(limit, PAGE));
    if (rows.length > page.length) {
      const next = new URL(c.req.url);
      next.searchParams.set("cursor", Buffer.from(String(offset + page.length)).toString("base64url"));
      c.header("Link", `<${next.href}>; rel="next"`);
    }
    return c.json(
      page.map((row) => {
        const { siblings: _, ...info } = repoInfo(toRepo(row), {
          sha: row.head_sha,
          files: [],
          blobs: false,
          card: { tags: [] },
        });
        return info;
      }),
    );
  };
}
