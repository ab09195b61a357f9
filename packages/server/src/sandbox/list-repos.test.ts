import { beforeAll, describe, expect, it } from "vitest";
import { createOrg } from "../accounts/org-store.js";
import { DIALECTS, useServer } from "../test-support/harness.js";
import { sandboxKit } from "../test-support/sandbox-kit.js";

// Issue 22 item 10: list_models / list_datasets / list_spaces over the sandbox's repos.
describe.each(DIALECTS)("sandbox repo listings on %s", (dialect) => {
  const h = useServer(dialect);
  const kit = sandboxKit(h, undefined as never);
  let alice: { id: string; token: string };
  let bob: { id: string; token: string };
  const ids = (list: Array<{ id: string }>) => list.map((repo) => repo.id);
  beforeAll(async () => {
    alice = await h.user("alice");
    bob = await h.user("bob");
    for (const name of ["one", "two_x", "three"]) {
      await kit.json(h.call(alice.token, "POST", "/api/repos/create", { name }));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await kit.json(h.call(alice.token, "POST", "/api/repos/create", { name: "hidden", private: true }));
    await kit.json(h.call(bob.token, "POST", "/api/repos/create", { name: "bobs" }));
    await kit.json(h.call(alice.token, "POST", "/api/repos/create", { name: "data", type: "dataset" }));
  });

  it("lists a type's public repos, newest change first, with the fields ModelInfo reads", async () => {
    const models = await kit.json(h.call(undefined, "GET", "/api/models"));
    expect(ids(models)).toEqual(["bob/bobs", "alice/three", "alice/two_x", "alice/one"]);
    expect(models[0]).toMatchObject({ id: "bob/bobs", author: "bob", private: false, sha: expect.any(String) });
    expect(models[0]).not.toHaveProperty("siblings");
    expect(ids(await kit.json(h.call(undefined, "GET", "/api/datasets")))).toEqual(["alice/data"]);
    expect(ids(await kit.json(h.call(undefined, "GET", "/api/models?sort=id")))).toEqual([
      "alice/one",
      "alice/three",
      "alice/two_x",
      "bob/bobs",
    ]);
  });

  it("shows private repos to their writers only; filters by author and search (literal _ and %)", async () => {
    expect(ids(await kit.json(h.call(alice.token, "GET", "/api/models?author=alice&sort=id")))).toEqual([
      "alice/hidden",
      "alice/one",
      "alice/three",
      "alice/two_x",
    ]);
    expect(ids(await kit.json(h.call(bob.token, "GET", "/api/models?author=alice")))).not.toContain("alice/hidden");
    expect(ids(await kit.json(h.call(undefined, "GET", "/api/models?search=o_x")))).toEqual(["alice/two_x"]);
    expect(ids(await kit.json(h.call(undefined, "GET", "/api/models?search=%25")))).toEqual([]);
    expect(ids(await kit.json(h.call(undefined, "GET", "/api/models?author=ALICE&search=ONE")))).toEqual(["alice/one"]);
  });

  it("shows an org's private repos to its members, whoever created them", async () => {
    const carol = await h.user("carol");
    await createOrg(h.server.db, "acme", ["bob", "carol"]);
    await kit.json(
      h.call(bob.token, "POST", "/api/repos/create", { name: "plans", organization: "acme", private: true }),
    );
    expect(ids(await kit.json(h.call(carol.token, "GET", "/api/models?author=acme")))).toEqual(["acme/plans"]);
    expect(ids(await kit.json(h.call(alice.token, "GET", "/api/models?author=acme")))).toEqual([]);
  });

  it("pages with a Link cursor", async () => {
    const seen: string[] = [];
    let url: string | undefined = "/api/models?limit=3&sort=id";
    while (url) {
      const res = await h.call(undefined, "GET", url);
      seen.push(...ids(await kit.json(res)));
      const next = res.headers.get("Link")?.match(/^<([^>]+)>; rel="next"$/)?.[1];
      url = next ? new URL(next).pathname + new URL(next).search : undefined;
    }
    expect(seen).toEqual(["alice/one", "alice/three", "alice/two_x", "bob/bobs"]);
    expect((await h.call(undefined, "GET", "/api/models?sort=downloads")).status).toBe(400);
    expect((await h.call(undefined, "GET", "/api/models?cursor=!!")).status).toBe(400);
  });
});
