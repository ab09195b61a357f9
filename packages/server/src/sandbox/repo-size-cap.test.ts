import { beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, useServer } from "../test-support/harness.js";
import { ndjsonCommit, sandboxKit } from "../test-support/sandbox-kit.js";
import { storedBytes } from "./content-store.js";
import { findRepo } from "./repo-store.js";

const CAP = 20_000;

// Issue 21: a repo had no size cap (anyone could fill a public repo with files of 1 MiB).
describe.each(DIALECTS)("sandbox repo size cap on %s", (dialect) => {
  const h = useServer(dialect, { delivery: { maxRepoBytes: CAP } });
  const kit = sandboxKit(h, undefined as never);
  let alice: { id: string; token: string };
  let bob: { id: string; token: string };
  const api = "/api/models/alice/capped";
  let base = 0;
  const repoBytes = async () =>
    storedBytes(h.server.db, (await findRepo(h.server.db, "model", "alice/capped"))?.id ?? "");
  beforeAll(async () => {
    alice = await h.user("alice");
    bob = await h.user("bob");
    await kit.json(h.call(alice.token, "POST", "/api/repos/create", { name: "capped" }));
    base = await repoBytes();
  });

  it("takes commits up to the cap; past it a 413 naming the cap, and nothing written", async () => {
    await kit.json(
      h.call(
        alice.token,
        "POST",
        `${api}/commit/main`,
        ndjsonCommit("fill", { "a.bin": "a".repeat(CAP - base - 100) }),
      ),
    );
    expect(await repoBytes()).toBe(CAP - 100);
    const before = await kit.json(h.call(alice.token, "GET", api));
    const over = await h.call(
      alice.token,
      "POST",
      `${api}/commit/main`,
      ndjsonCommit("more", { "b.bin": "b".repeat(101) }),
    );
    expect(over.status).toBe(413);
    expect((await over.json()).error).toMatch(new RegExp(`at most ${CAP} bytes per repo`));
    const after = await kit.json(h.call(alice.token, "GET", api));
    expect(after.sha).toBe(before.sha);
    expect(after.siblings).toEqual(before.siblings);
    expect(await repoBytes()).toBe(CAP - 100);
    // Exactly at the cap is fine; a replacement counts the new size only.
    await kit.json(
      h.call(alice.token, "POST", `${api}/commit/main`, ndjsonCommit("fit", { "b.bin": "b".repeat(100) })),
    );
    expect(await repoBytes()).toBe(CAP);
    await kit.json(
      h.call(
        alice.token,
        "POST",
        `${api}/commit/main`,
        ndjsonCommit("swap", { "a.bin": null, "c.bin": "c".repeat(5000) }),
      ),
    );
    expect(await repoBytes()).toBe(base + 100 + 5000);
  });

  it("counts a pull request's files too: an over-cap pull request is refused and not opened", async () => {
    const room = CAP - (await repoBytes());
    const over = await h.call(
      bob.token,
      "POST",
      `${api}/commit/main?create_pr=1`,
      ndjsonCommit("big pr", { "d.bin": "d".repeat(room + 1) }),
    );
    expect(over.status).toBe(413);
    const discussions = await kit.json(h.call(alice.token, "GET", `${api}/discussions`));
    expect(discussions.discussions).toEqual([]);
    await kit.json(
      h.call(bob.token, "POST", `${api}/commit/main?create_pr=1`, ndjsonCommit("pr", { "d.bin": "d".repeat(room) })),
    );
    expect(await repoBytes()).toBe(CAP);
  });

  it("lets one of two commits through when each fits alone but not both together", async () => {
    await kit.json(h.call(alice.token, "POST", "/api/repos/create", { name: "race" }));
    const raceApi = "/api/models/alice/race";
    const id = (await findRepo(h.server.db, "model", "alice/race"))?.id ?? "";
    const room = CAP - (await storedBytes(h.server.db, id));
    const half = Math.floor(room / 2) + 10;
    const results = await Promise.all(
      ["x", "y"].map((name) =>
        h.call(
          alice.token,
          "POST",
          `${raceApi}/commit/main`,
          ndjsonCommit(name, { [`${name}.bin`]: name.repeat(half) }),
        ),
      ),
    );
    expect(results.map((res) => res.status).sort()).toEqual([200, 413]);
    expect(await storedBytes(h.server.db, id)).toBe(CAP - room + half);
  });
});
