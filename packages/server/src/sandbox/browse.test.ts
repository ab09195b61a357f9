import { beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, useServer } from "../test-support/harness.js";
import { ndjsonCommit, SHA, sandboxKit } from "../test-support/sandbox-kit.js";

// Issue 22: the repo-browsing API bots call after an event, in the shapes huggingface_hub's hf_api.py parses.
describe.each(DIALECTS)("sandbox repo browsing on %s", (dialect) => {
  const h = useServer(dialect);
  const kit = sandboxKit(h, undefined as never);
  let alice: { id: string; token: string };
  let bob: { id: string; token: string };
  const api = "/api/models/alice/browse";
  let mainSha: string;
  let prSha: string;
  beforeAll(async () => {
    alice = await h.user("alice");
    bob = await h.user("bob");
    await kit.json(h.call(alice.token, "POST", "/api/repos/create", { name: "browse" }));
    const files = {
      "README.md": "---\nlicense: mit\ntags: [bots, test]\nlanguage: en\nlibrary_name: transformers\n---\n# Card\n",
      "config.json": "{}",
      "weights/a.bin": "aaa",
      "weights/b.bin": "bbbb",
      "weights/deep/c.txt": "c",
    };
    mainSha = (await kit.json(h.call(alice.token, "POST", `${api}/commit/main`, ndjsonCommit("files", files))))
      .commitOid;
    // A pull request that changes weights/a.bin, removes config.json and adds docs/x.md.
    const pr = await kit.json(
      h.call(
        alice.token,
        "POST",
        `${api}/commit/main?create_pr=1`,
        ndjsonCommit("pr", { "weights/a.bin": "changed", "config.json": null, "docs/x.md": "x" }),
      ),
    );
    prSha = pr.commitOid;
  });

  const entry = (path: string) => expect.objectContaining({ path });

  it("lists a folder's direct entries: files with oid and size, folders with an oid", async () => {
    const root = await kit.json(h.call(alice.token, "GET", `${api}/tree/main`));
    expect(root.map((e: { path: string }) => e.path)).toEqual([
      ".gitattributes",
      "README.md",
      "config.json",
      "weights",
    ]);
    expect(root[2]).toEqual({ type: "file", path: "config.json", oid: expect.stringMatching(SHA), size: 2 });
    expect(root[3]).toEqual({ type: "directory", path: "weights", oid: expect.stringMatching(SHA), size: 0 });
    const weights = await kit.json(h.call(undefined, "GET", `${api}/tree/main/weights`));
    expect(weights).toEqual([
      { type: "file", path: "weights/a.bin", oid: expect.stringMatching(SHA), size: 3 },
      { type: "file", path: "weights/b.bin", oid: expect.stringMatching(SHA), size: 4 },
      { type: "directory", path: "weights/deep", oid: expect.stringMatching(SHA), size: 0 },
    ]);
    // huggingface_hub quotes the path with safe="": "weights%2Fdeep".
    const deep = await kit.json(h.call(undefined, "GET", `${api}/tree/main/weights%2Fdeep`));
    expect(deep).toEqual([entry("weights/deep/c.txt")]);
  });

  it("lists recursively (requests sends True, httpx true), folders included", async () => {
    for (const value of ["True", "true", "1"]) {
      const all = await kit.json(h.call(undefined, "GET", `${api}/tree/main?recursive=${value}&expand=False`));
      expect(all.map((e: { path: string }) => e.path)).toEqual([
        ".gitattributes",
        "README.md",
        "config.json",
        "weights",
        "weights/a.bin",
        "weights/b.bin",
        "weights/deep",
        "weights/deep/c.txt",
      ]);
    }
  });

  it("pages by a Link header whose URL carries the cursor, until no next page", async () => {
    const seen: string[] = [];
    let url: string | undefined = `${api}/tree/main?recursive=true&limit=3`;
    let pages = 0;
    while (url) {
      const res = await h.call(undefined, "GET", url);
      const page = await kit.json(res);
      expect(page.length).toBeLessThanOrEqual(3);
      seen.push(...page.map((e: { path: string }) => e.path));
      const link = res.headers.get("Link");
      const next = link?.match(/^<([^>]+)>; rel="next"$/)?.[1];
      url = next ? new URL(next).pathname + new URL(next).search : undefined;
      if (next) expect(new URL(next).searchParams.get("recursive")).toBe("true");
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
  });

  it("a folder's oid changes when what it holds changes", async () => {
    const onMain = await kit.json(h.call(undefined, "GET", `${api}/tree/main`));
    const onPr = await kit.json(h.call(undefined, "GET", `${api}/tree/refs%2Fpr%2F1`));
    const weights = (list: Array<{ path: string; oid: string }>) => list.find((e) => e.path === "weights")?.oid;
    expect(weights(onPr)).not.toBe(weights(onMain));
    expect(onPr.map((e: { path: string }) => e.path)).toEqual([".gitattributes", "README.md", "docs", "weights"]);
  });

  it("answers unknown folders, revisions and private repos as the Hub does", async () => {
    const missing = await h.call(undefined, "GET", `${api}/tree/main/nope`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("X-Error-Code")).toBe("EntryNotFound");
    const badRev = await h.call(undefined, "GET", `${api}/tree/v9`);
    expect(badRev.status).toBe(404);
    expect(badRev.headers.get("X-Error-Code")).toBe("RevisionNotFound");
    expect((await h.call(undefined, "GET", `${api}/tree/main?cursor=%%%`)).status).toBe(400);
    expect((await h.call(undefined, "GET", `${api}/tree/main?limit=0`)).status).toBe(400);
    await kit.json(h.call(alice.token, "POST", "/api/repos/create", { name: "secret", private: true }));
    const hidden = await h.call(bob.token, "GET", "/api/models/alice/secret/tree/main");
    expect(hidden.status).toBe(404);
    expect(hidden.headers.get("X-Error-Code")).toBe("RepoNotFound");
    expect(await kit.json(h.call(alice.token, "GET", "/api/models/alice/secret/tree/main"))).toEqual([
      entry(".gitattributes"),
    ]);
  });

  it("repo info answers each revision with its own sha and files, and 404 RevisionNotFound for others", async () => {
    const main = await kit.json(h.call(undefined, "GET", api));
    expect(main.sha).toBe(mainSha);
    expect(main.siblings.map((s: { rfilename: string }) => s.rfilename)).toContain("config.json");
    for (const revision of ["refs%2Fpr%2F1", prSha]) {
      const pr = await kit.json(h.call(undefined, "GET", `${api}/revision/${revision}`));
      expect(pr.sha).toBe(prSha);
      expect(pr.siblings.map((s: { rfilename: string }) => s.rfilename)).toEqual([
        ".gitattributes",
        "README.md",
        "docs/x.md",
        "weights/a.bin",
        "weights/b.bin",
        "weights/deep/c.txt",
      ]);
    }
    expect((await kit.json(h.call(undefined, "GET", `${api}/revision/${mainSha}`))).sha).toBe(mainSha);
    for (const revision of ["dev", "refs%2Fpr%2F9", "0".repeat(40)]) {
      const res = await h.call(undefined, "GET", `${api}/revision/${revision}`);
      expect(res.status, revision).toBe(404);
      expect(res.headers.get("X-Error-Code")).toBe("RevisionNotFound");
      expect(((await res.json()) as { error: string }).error).toContain("Invalid rev id");
    }
  });

  it("repo info has cardData and tags from the card, and sizes and blob ids with blobs=true", async () => {
    const info = await kit.json(h.call(undefined, "GET", `${api}?blobs=True`));
    expect(info.cardData).toEqual({
      license: "mit",
      tags: ["bots", "test"],
      language: "en",
      library_name: "transformers",
    });
    expect(info.tags).toEqual(["bots", "test", "transformers", "en", "license:mit"]);
    expect(info.library_name).toBe("transformers");
    const config = info.siblings.find((s: { rfilename: string }) => s.rfilename === "config.json");
    expect(config).toEqual({ rfilename: "config.json", size: 2, blobId: expect.stringMatching(SHA) });
    const plain = await kit.json(h.call(undefined, "GET", api));
    expect(plain.siblings[0]).toEqual({ rfilename: ".gitattributes" });
    const bare = await kit.json(h.call(alice.token, "GET", "/api/models/alice/secret"));
    expect(bare.tags).toEqual([]);
    expect(bare).not.toHaveProperty("cardData");
  });

  it("downloads resolve a pull request's head commit id too", async () => {
    const res = await h.call(undefined, "GET", `/alice/browse/resolve/${prSha}/weights/a.bin`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("changed");
    expect(res.headers.get("X-Repo-Commit")).toBe(prSha);
  });

  it("a Range request gets 206 with Content-Range (a resumed download); past the end 416", async () => {
    const get = (range: string) =>
      h.server.app.request("/alice/browse/resolve/main/weights/b.bin", { headers: { Range: range } });
    const tail = await get("bytes=1-");
    expect(tail.status).toBe(206);
    expect(tail.headers.get("Content-Range")).toBe("bytes 1-3/4");
    expect(tail.headers.get("Content-Length")).toBe("3");
    expect(await tail.text()).toBe("bbb");
    const middle = await get("bytes=1-1");
    expect(await middle.text()).toBe("b");
    const last = await get("bytes=-2");
    expect(last.headers.get("Content-Range")).toBe("bytes 2-3/4");
    const past = await get("bytes=9-");
    expect(past.status).toBe(416);
    expect(past.headers.get("Content-Range")).toBe("bytes */4");
    const whole = await h.call(undefined, "GET", "/alice/browse/resolve/main/weights/b.bin");
    expect(whole.status).toBe(200);
    expect(whole.headers.get("Accept-Ranges")).toBe("bytes");
  });

  it("paths-info answers each existing path (form as get_paths_info posts it, or JSON), in order", async () => {
    const form = await h.server.app.request(`${api}/paths-info/main`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "paths=weights%2Fdeep&paths=config.json&paths=nope&expand=False",
    });
    expect(await kit.json(form)).toEqual([
      { type: "directory", path: "weights/deep", oid: expect.stringMatching(SHA), size: 0 },
      { type: "file", path: "config.json", oid: expect.stringMatching(SHA), size: 2 },
    ]);
    const json = await kit.json(
      h.call(undefined, "POST", `${api}/paths-info/refs%2Fpr%2F1`, { paths: ["config.json", "docs/x.md"] }),
    );
    expect(json).toEqual([entry("docs/x.md")]);
    expect((await h.call(undefined, "POST", `${api}/paths-info/main`, { paths: "x" })).status).toBe(400);
    expect((await h.call(undefined, "POST", `${api}/paths-info/nope`, { paths: [] })).status).toBe(404);
  });

  it("get_discussion_details of a pull request has the raw git diff of its changes against main", async () => {
    const details = await kit.json(h.call(undefined, "GET", `${api}/discussions/1?diff=1`));
    const diff: string = details.diff;
    expect(diff.match(/^diff --git .*$/gm)).toEqual([
      "diff --git a/config.json b/config.json",
      "diff --git a/docs/x.md b/docs/x.md",
      "diff --git a/weights/a.bin b/weights/a.bin",
    ]);
    expect(diff).toContain("deleted file mode 100644\nindex ");
    expect(diff).toContain("--- a/config.json\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-{}");
    expect(diff).toContain("new file mode 100644");
    expect(diff).toContain("--- /dev/null\n+++ b/docs/x.md\n@@ -0,0 +1,1 @@\n+x");
    expect(diff).toContain(
      "--- a/weights/a.bin\n+++ b/weights/a.bin\n@@ -1,1 +1,1 @@\n-aaa\n\\ No newline at end of file\n+changed",
    );
    // Without ?diff=1 (as lists read it) nothing is computed.
    expect((await kit.json(h.call(undefined, "GET", `${api}/discussions/1`))).diff).toBe("");
  });

  it("list_repo_refs: main, and the pull requests' refs when asked", async () => {
    const refs = await kit.json(h.call(undefined, "GET", `${api}/refs`));
    expect(refs).toEqual({
      branches: [{ name: "main", ref: "refs/heads/main", targetCommit: mainSha }],
      converts: [],
      tags: [],
    });
    const withPrs = await kit.json(h.call(undefined, "GET", `${api}/refs?include_prs=1`));
    expect(withPrs.pullRequests).toEqual([{ name: "1", ref: "refs/pr/1", targetCommit: prSha }]);
    expect((await h.call(bob.token, "GET", "/api/models/alice/secret/refs")).status).toBe(404);
  });
});
