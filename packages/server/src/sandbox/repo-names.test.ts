import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { sandboxRepoNames } from "../store/migrations/0022-sandbox-repo-names.js";
import { DIALECTS, useServer } from "../test-support/harness.js";
import { insertRepo } from "./repo-store.js";

// Issue 22 item 7: repo ids are one repo whatever their casing, also when requests race (a unique index).
describe.each(DIALECTS)("case-insensitive repo ids under concurrency on %s", (dialect) => {
  const h = useServer(dialect);

  it("of creations of one name in several casings at once, exactly one succeeds; the others are a 409", async () => {
    const alice = await h.user("alice");
    const names = ["race", "Race", "RACE", "rAce", "raCe", "racE", "RAce", "raCE"];
    const answers = await Promise.all(names.map((name) => h.call(alice.token, "POST", "/api/repos/create", { name })));
    const statuses = answers.map((res) => res.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    const rows = await h.server.db
      .selectFrom("sandbox_repos")
      .select("name")
      .where("created_by", "=", alice.id)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("of moves of two repos to one name in two casings at once, one succeeds; the other is a 409", async () => {
    const bob = await h.user("bob");
    for (const name of ["one", "two"]) await h.call(bob.token, "POST", "/api/repos/create", { name });
    const answers = await Promise.all([
      h.call(bob.token, "POST", "/api/repos/move", { fromRepo: "bob/one", toRepo: "bob/Target", type: "model" }),
      h.call(bob.token, "POST", "/api/repos/move", { fromRepo: "bob/two", toRepo: "bob/target", type: "model" }),
    ]);
    expect(answers.map((res) => res.status).sort()).toEqual([200, 409]);
  });

  it("the migration renames repos that already clash (the oldest keeps its name) before the index holds", async () => {
    const carol = await h.user("carol");
    const db = h.server.db;
    await sql`drop index sandbox_repos_lower_name_unique`.execute(db);
    const first = await insertRepo(db, { type: "model", name: "carol/Demo", private: false, createdBy: carol.id });
    const second = await insertRepo(db, { type: "model", name: "carol/demo", private: false, createdBy: carol.id });
    await db
      .updateTable("sandbox_repos")
      .set({ created_at: first.createdAt + 1 })
      .where("id", "=", second.id)
      .execute();
    await sandboxRepoNames.up(db as never);
    const names = await db
      .selectFrom("sandbox_repos")
      .select(["id", "name"])
      .where("created_by", "=", carol.id)
      .execute();
    expect(Object.fromEntries(names.map((row) => [row.id, row.name]))).toEqual({
      [first.id]: "carol/Demo",
      [second.id]: `carol/demo-${second.id.slice(-6)}`,
    });
    await expect(
      insertRepo(db, { type: "model", name: "carol/DEMO", private: false, createdBy: carol.id }),
    ).rejects.toThrow();
  });
});
