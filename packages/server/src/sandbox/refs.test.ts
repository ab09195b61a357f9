import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestReceiver } from "../../../../test-support/receiver.js";
import { DIALECTS, useServer } from "../test-support/harness.js";
import { ndjsonCommit, SHA, sandboxKit } from "../test-support/sandbox-kit.js";

const paths = (list: Array<{ path?: string; rfilename?: string }>) => list.map((e) => e.path ?? e.rfilename);

// Issue 22: branches, tags, commits to any branch and the history behind a revision, each change firing its event.
describe.each(DIALECTS)("sandbox branches, tags and commits on %s", (dialect) => {
  const h = useServer(dialect, { worker: true, delivery: { publicHubUrl: "http://hub.test" } });
  const receiver = new TestReceiver();
  const kit = sandboxKit(h, receiver);
  let alice: { id: string; token: string };
  let bob: { id: string; token: string };
  const api = "/api/models/alice/refs";
  const commit = (revision: string, summary: string, files: Record<string, string | null>) =>
    kit.json(h.call(alice.token, "POST", `${api}/commit/${revision}`, ndjsonCommit(summary, files)));
  let first: string;
  let second: string;
  beforeAll(async () => {
    await receiver.start();
    alice = await h.user("alice");
    bob = await h.user("bob");
    await kit.json(h.call(alice.token, "POST", "/api/repos/create", { name: "refs" }));
    await kit.webhook(alice.token, "/refs", [{ type: "model", name: "alice/refs" }], ["repo"]);
    first = (await commit("main", "Add a", { "a.txt": "a", "docs/one.md": "1" })).commitOid;
    // A branch at main's commit id, which then moves on.
    await kit.json(h.call(alice.token, "POST", `${api}/branch/old`, { startingPoint: first }));
    second = (await commit("main", "Add b", { "b.txt": "b" })).commitOid;
  });
  afterAll(() => receiver.stop());

  it("list_repo_commits: newest first, with title, message, authors and date, back to the initial commit", async () => {
    const commits = await kit.json(h.call(undefined, "GET", `${api}/commits/main`));
    expect(commits.map((c: { title: string }) => c.title)).toEqual(["Add b", "Add a", "initial commit"]);
    expect(commits[0]).toEqual({
      id: second,
      title: "Add b",
      message: "",
      authors: [{ user: "alice", avatar: "" }],
      date: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(commits[1].id).toBe(first);
    const formatted = await kit.json(h.call(undefined, "GET", `${api}/commits/${first}?expand[]=formatted`));
    expect(formatted.map((c: { id: string }) => c.id)).toEqual([first, expect.stringMatching(SHA)]);
    expect(formatted[0].formatted).toEqual({ title: "Add a", message: "" });
    const older = await kit.json(h.call(undefined, "GET", `${api}/commits/${commits[2].id}`));
    expect(older.map((c: { title: string }) => c.title)).toEqual(["initial commit"]);
    const unknown = await h.call(undefined, "GET", `${api}/commits/nope`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("X-Error-Code")).toBe("RevisionNotFound");
  });

  it("tree and paths-info with expand give each entry its last commit (a folder: its newest file's)", async () => {
    const tree = await kit.json(h.call(undefined, "GET", `${api}/tree/main?expand=True`));
    const last = Object.fromEntries(
      tree.map((e: { path: string; lastCommit: { id: string } }) => [e.path, e.lastCommit]),
    );
    expect(last["b.txt"]).toEqual({ id: second, title: "Add b", date: expect.stringMatching(/Z$/) });
    expect(last["a.txt"].id).toBe(first);
    expect(last.docs.id).toBe(first);
    expect(last[".gitattributes"].title).toBe("initial commit");
    const info = await kit.json(h.call(undefined, "POST", `${api}/paths-info/main`, { paths: ["docs"], expand: true }));
    expect(info).toEqual([expect.objectContaining({ type: "directory", path: "docs", lastCommit: last.docs })]);
    const plain = await kit.json(h.call(undefined, "GET", `${api}/tree/main`));
    expect(plain[0]).not.toHaveProperty("lastCommit");
  });

  it("create_branch from main and from a revision; commits to it leave main alone; each fires repo.content", async () => {
    await kit.json(h.call(alice.token, "POST", `${api}/branch/dev`, {}));
    const again = await h.call(alice.token, "POST", `${api}/branch/dev`, {});
    expect(again.status).toBe(409);
    const onDev = await commit("dev", "Dev only", { "dev.txt": "d", "a.txt": null });
    const dev = await kit.json(h.call(undefined, "GET", `${api}/revision/dev`));
    expect(dev.sha).toBe(onDev.commitOid);
    expect(paths(dev.siblings)).toEqual([".gitattributes", "b.txt", "dev.txt", "docs/one.md"]);
    const main = await kit.json(h.call(undefined, "GET", api));
    expect(main.sha).toBe(second);
    expect(paths(main.siblings)).toEqual([".gitattributes", "a.txt", "b.txt", "docs/one.md"]);
    const old = await kit.json(h.call(undefined, "GET", `${api}/revision/refs%2Fheads%2Fold`));
    expect(old.sha).toBe(first);
    // The branch keeps its files while main moves on.
    await commit("main", "Change a", { "a.txt": "a2" });
    const a = await h.call(undefined, "GET", "/alice/refs/resolve/old/a.txt");
    expect(await a.text()).toBe("a");
    const history = await kit.json(h.call(undefined, "GET", `${api}/commits/dev`));
    expect(history.map((c: { title: string }) => c.title)).toEqual(["Dev only", "Add b", "Add a", "initial commit"]);
    const payloads = await kit.payloads("/refs", 6);
    expect(payloads[1]?.updatedRefs).toEqual([{ ref: "refs/heads/old", oldSha: null, newSha: first }]);
    const refEvents = payloads
      .slice(3)
      .map((p) => ({ scope: p.event.scope, refs: p.updatedRefs, headSha: p.repo.headSha }));
    expect(refEvents).toEqual([
      { scope: "repo.content", refs: [{ ref: "refs/heads/dev", oldSha: null, newSha: second }], headSha: second },
      {
        scope: "repo.content",
        refs: [{ ref: "refs/heads/dev", oldSha: second, newSha: onDev.commitOid }],
        headSha: second,
      },
      {
        scope: "repo.content",
        refs: [{ ref: "refs/heads/main", oldSha: second, newSha: expect.stringMatching(SHA) }],
        headSha: expect.stringMatching(SHA),
      },
    ]);
  });

  it("create_tag at a revision and delete_tag, delete_branch; list_repo_refs shows them; main stays", async () => {
    await kit.json(h.call(alice.token, "POST", `${api}/tag/${first}`, { tag: "v1", message: "first" }));
    expect((await h.call(alice.token, "POST", `${api}/tag/main`, { tag: "v1" })).status).toBe(409);
    const refs = await kit.json(h.call(undefined, "GET", `${api}/refs`));
    expect(refs.branches.map((b: { name: string }) => b.name)).toEqual(["dev", "main", "old"]);
    expect(refs.tags).toEqual([{ name: "v1", ref: "refs/tags/v1", targetCommit: first }]);
    const v1 = await kit.json(h.call(undefined, "GET", `${api}/tree/v1`));
    expect(paths(v1)).toEqual([".gitattributes", "a.txt", "docs"]);
    // A tag is not a place to commit to.
    const onTag = await h.call(alice.token, "POST", `${api}/commit/v1`, ndjsonCommit("x", { "x.txt": "x" }));
    expect(onTag.status).toBe(400);
    await kit.json(h.call(alice.token, "DELETE", `${api}/tag/v1`));
    await kit.json(h.call(alice.token, "DELETE", `${api}/branch/old`));
    expect((await h.call(alice.token, "DELETE", `${api}/branch/old`)).status).toBe(404);
    expect((await h.call(alice.token, "DELETE", `${api}/branch/main`)).status).toBe(403);
    const after = await kit.json(h.call(undefined, "GET", `${api}/refs`));
    expect(after.branches.map((b: { name: string }) => b.name)).toEqual(["dev", "main"]);
    expect(after.tags).toEqual([]);
    const payloads = await kit.payloads("/refs", 9);
    expect(payloads.slice(6).map((p) => p.updatedRefs)).toEqual([
      [{ ref: "refs/tags/v1", oldSha: null, newSha: first }],
      [{ ref: "refs/tags/v1", oldSha: first, newSha: null }],
      [{ ref: "refs/heads/old", oldSha: first, newSha: null }],
    ]);
  });

  it("super_squash_history: the branch's history becomes one commit with the same files; fires repo.content", async () => {
    const before = await kit.json(h.call(undefined, "GET", `${api}/revision/dev`));
    const squash = await kit.json(h.call(alice.token, "POST", `${api}/super-squash/dev`, { message: "Squashed" }));
    const history = await kit.json(h.call(undefined, "GET", `${api}/commits/dev`));
    expect(history).toEqual([expect.objectContaining({ id: squash.commitId, title: "Squashed" })]);
    const after = await kit.json(h.call(undefined, "GET", `${api}/revision/dev`));
    expect(after.sha).toBe(squash.commitId);
    expect(after.siblings).toEqual(before.siblings);
    expect((await h.call(bob.token, "POST", `${api}/super-squash/dev`, {})).status).toBe(403);
    expect((await h.call(alice.token, "POST", `${api}/super-squash/nope`, {})).status).toBe(404);
    const payloads = await kit.payloads("/refs", 10);
    expect(payloads[9]?.updatedRefs).toEqual([{ ref: "refs/heads/dev", oldSha: before.sha, newSha: squash.commitId }]);
  });

  it("refuses bad names, strangers and unknown starting points without firing anything", async () => {
    await kit.payloads("/refs", 10);
    await kit.payloads("/refs", 9);
    const before = kit.received("/refs").length;
    for (const bad of ["a..b", "refs%2Fheads%2Fx", "-x", "x.lock", "a%20b"]) {
      const res = await h.call(alice.token, "POST", `${api}/branch/${bad}`, {});
      expect(res.status, bad).toBe(400);
    }
    expect((await h.call(alice.token, "POST", `${api}/tag/main`, { tag: "bad tag" })).status).toBe(400);
    expect((await h.call(alice.token, "POST", `${api}/tag/main`, {})).status).toBe(400);
    expect((await h.call(bob.token, "POST", `${api}/branch/mine`, {})).status).toBe(403);
    expect((await h.call(bob.token, "DELETE", `${api}/branch/dev`)).status).toBe(403);
    expect((await h.call(undefined, "POST", `${api}/branch/anon`, {})).status).toBe(401);
    const unknown = await h.call(alice.token, "POST", `${api}/branch/x`, { startingPoint: "nope" });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("X-Error-Code")).toBe("RevisionNotFound");
    // The sandbox keeps no trees of older commits: a commit id no ref points at is not a starting point.
    expect((await h.call(alice.token, "POST", `${api}/branch/y`, { startingPoint: second })).status).toBe(404);
    // A commit to a branch that does not exist.
    const missing = await h.call(alice.token, "POST", `${api}/commit/ghost`, ndjsonCommit("x", { "x.txt": "x" }));
    expect(missing.status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(kit.received("/refs").length).toBe(before);
  });
});
