import { type Kysely, sql } from "kysely";
import type { Migration } from "./migration.js";

/**
 * Repo ids are unique whatever their casing, as on the Hub: "Alice/Demo" and "alice/demo" are one repo. Creating
 * and moving checked this before writing, but two requests at once could both pass the check; the index makes the
 * second a unique violation (a 409). Repos that already clash (made before names were compared so, or by such a
 * race) keep the oldest one's name; each later one is renamed "<name>-<last 6 characters of its id>".
 */
export const sandboxRepoNames: Migration = {
  async up(db: Kysely<unknown>) {
    const clashing = await sql<{ id: string; name: string }>`
      select r.id, r.name from sandbox_repos r
      where exists (
        select 1 from sandbox_repos o
        where o.type = r.type and lower(o.name) = lower(r.name)
          and (o.created_at < r.created_at or (o.created_at = r.created_at and o.id < r.id))
      )`.execute(db);
    for (const row of clashing.rows) {
      await sql`update sandbox_repos set name = ${`${row.name}-${row.id.slice(-6)}`} where id = ${row.id}`.execute(db);
    }
    await sql`drop index if exists sandbox_repos_lower_name`.execute(db);
    await sql`create unique index if not exists sandbox_repos_lower_name_unique on sandbox_repos (type, lower(name))`.execute(
      db,
    );
  },
};
