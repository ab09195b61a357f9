import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestReceiver } from "../../../../test-support/receiver.js";
import { DIALECTS, useServer } from "../test-support/harness.js";
import { ndjsonCommit, SHA, sandboxKit } from "../test-support/sandbox-kit.js";

const gitOid = (text: string) =>
  createHash("sha1")
    .update(`blob ${Buffer.byteLength(text)}\0${text}`)
    .digest("hex");

describe.each(DIALECTS)("sandbox uploads on %s", (dialect) => {
  const h = useServer(dialect, { worker: true, delivery: { publicHubUrl: "http://hub.test" } });
  const receiver = new TestReceiver();
  const kit = sandboxKit(h, receiver);
  let alice: { id: string; token: string };
  const api = "/api/datasets/alice/data";
  beforeAll(async () => {
    await receiver.start();
    alice = await h.user("alice");
    await kit.json(h.call(alice.token, "POST", "/api/repos/create", { name: "data", type: "dataset" }));
    await kit.webhook(alice.token, "/content", [{ type: "dataset", name: "alice/data" }], ["repo"]);
  });
  afterAll(() => receiver.stop());

  it("preupload answers regular for small files, with the oid of what is there; lfs past 1 MiB and for .gitattributes' LFS patterns", async () => {
    // huggingface_hub _fetch_upload_modes: {"files": [{"path", "sample", "size"}]}
    const modes = await kit.json(
      h.call(alice.token, "POST", `${api}/preupload/main`, {
        files: [
          { path: ".gitattributes", sample: "", size: 10 },
          { path: "new.txt", sample: "", size: 5 },
        ],
      }),
    );
    expect(modes.files).toEqual([
      { path: ".gitattributes", uploadMode: "regular", shouldIgnore: false, oid: expect.stringMatching(SHA) },
      { path: "new.txt", uploadMode: "regular", shouldIgnore: false, oid: null },
    ]);
    const big = await kit.json(
      h.call(alice.token, "POST", `${api}/preupload/main`, {
        files: [
          { path: "big.txt", size: 2 ** 20 + 1 },
          { path: "limit.txt", size: 2 ** 20 },
          { path: "deep/w.bin", size: 3 },
          { path: "empty.bin", size: 0 },
        ],
      }),
    );
    expect(big.files.map((file: { uploadMode: string }) => file.uploadMode)).toEqual([
      "lfs",
      "regular",
      "lfs",
      "regular",
    ]);
  });

  it("commits NDJSON as huggingface_hub sends it, answers commitOid/commitUrl, fires repo.content with updatedRefs", async () => {
    const before = (await kit.json(h.call(alice.token, "GET", api))).sha;
    const commit = await kit.json(
      h.call(alice.token, "POST", `${api}/commit/main`, ndjsonCommit("Add data", { "train.csv": "a,b\n1,2\n" })),
    );
    expect(commit).toMatchObject({
      commitOid: expect.stringMatching(SHA),
      commitUrl: `http://hub.test/datasets/alice/data/commit/${commit.commitOid}`,
    });
    const [payload] = await kit.payloads("/content", 1);
    expect(payload).toMatchObject({
      event: { action: "update", scope: "repo.content" },
      repo: {
        type: "dataset",
        name: "alice/data",
        headSha: commit.commitOid,
        url: { web: "http://hub.test/datasets/alice/data" },
      },
      updatedRefs: [{ ref: "refs/heads/main", oldSha: before, newSha: commit.commitOid }],
    });
    const info = await kit.json(h.call(alice.token, "GET", api));
    expect(info.sha).toBe(commit.commitOid);
    expect(info.siblings.map((s: { rfilename: string }) => s.rfilename)).toEqual([".gitattributes", "train.csv"]);
    const again = await kit.json(
      h.call(alice.token, "POST", `${api}/preupload/main`, { files: [{ path: "train.csv", size: 8 }] }),
    );
    expect(again.files[0].oid).toBe(gitOid("a,b\n1,2\n"));
    await kit.json(h.call(alice.token, "POST", `${api}/commit/main`, ndjsonCommit("Remove", { "train.csv": null })));
    expect((await kit.json(h.call(alice.token, "GET", api))).siblings).toEqual([{ rfilename: ".gitattributes" }]);
  });

  it("refuses LFS lines of objects not uploaded (422), files over 1 MiB (413), broken NDJSON (400), refused paths (422) and outsiders (403), changing nothing", async () => {
    const head = (await kit.json(h.call(alice.token, "GET", api))).sha;
    const header = JSON.stringify({ key: "header", value: { summary: "x" } });
    const lfs = `${header}\n${JSON.stringify({ key: "lfsFile", value: { path: "w.bin", algo: "sha256", oid: "0".repeat(64), size: 9 } })}\n`;
    const notUploaded = await h.call(alice.token, "POST", `${api}/commit/main`, lfs);
    expect(notUploaded.status).toBe(422);
    expect((await notUploaded.json()).error).toMatch(/^w\.bin: LFS object 0{64} was not uploaded to alice\/data$/);
    const big = ndjsonCommit("big", { "big.txt": "x".repeat(1024 * 1024 + 1) });
    const tooBig = await h.call(alice.token, "POST", `${api}/commit/main`, big);
    expect(tooBig.status).toBe(413);
    expect((await tooBig.json()).error).toMatch(/at most 1048576 bytes/);
    expect((await h.call(alice.token, "POST", `${api}/commit/main`, `${header}\n{not json`)).status).toBe(400);
    // A path the Hub refuses is a 422 naming it (every rule: commit-paths.test.ts).
    expect((await h.call(alice.token, "POST", `${api}/commit/main`, ndjsonCommit("up", { "../x": "a" }))).status).toBe(
      422,
    );
    const bob = await h.user("bob");
    expect((await h.call(bob.token, "POST", `${api}/commit/main`, ndjsonCommit("x", { "a.txt": "a" }))).status).toBe(
      403,
    );
    expect((await kit.json(h.call(alice.token, "GET", api))).sha).toBe(head);
  });

  it("validate-yaml accepts a model card's front matter and answers 400 with errors for broken YAML", async () => {
    const ok = await kit.json(
      h.call(alice.token, "POST", "/api/validate-yaml", {
        content: "---\nlicense: mit\ntags: [a]\n---\n# Card",
        repoType: "model",
      }),
    );
    expect(ok).toEqual({ errors: [], warnings: [] });
    const bad = await kit.json(
      h.call(alice.token, "POST", "/api/validate-yaml", { content: "---\nlicense: [mit\n---\n", repoType: "model" }),
      400,
    );
    expect(bad.errors[0].message).toBeTruthy();
    const list = await kit.json(
      h.call(alice.token, "POST", "/api/validate-yaml", { content: "---\n- a\n- b\n---\n" }),
      400,
    );
    expect(list.errors[0].message).toMatch(/mapping/);
  });

  it("validate-yaml checks the Hub's rules it can check here: license ids, model-index a list (issue 22)", async () => {
    const validate = (content: string, repoType = "model") =>
      h.call(alice.token, "POST", "/api/validate-yaml", { content, repoType });
    for (const fine of ["license: other\nlicense_name: mine", "license: [mit, apache-2.0]", "model-index: []"]) {
      expect(await kit.json(validate(`---\n${fine}\n---\n`)), fine).toEqual({ errors: [], warnings: [] });
    }
    const license = await kit.json(validate("---\nlicense: MIT-ish\n---\n"), 400);
    expect(license.error).toContain('"license" must be one of');
    expect(license.errors[0].message).toContain('"MIT-ish"');
    const index = await kit.json(validate("---\nmodel-index: {name: x}\n---\n"), 400);
    expect(index.errors[0].message).toBe('"model-index" must be an array');
    // model-index is a model card's field: a dataset card is not checked for it.
    expect(await kit.json(validate("---\nmodel-index: {name: x}\n---\n", "dataset"))).toEqual({
      errors: [],
      warnings: [],
    });
  });

  it("serves files as hf_hub_download reads them: X-Repo-Commit, ETag, Content-Length; HEAD without a body", async () => {
    const commit = await kit.json(
      h.call(alice.token, "POST", `${api}/commit/main`, ndjsonCommit("Card", { "README.md": "# Data\n" })),
    );
    const file = await h.call(alice.token, "GET", "/datasets/alice/data/resolve/main/README.md");
    expect(file.status).toBe(200);
    expect(await file.text()).toBe("# Data\n");
    expect(file.headers.get("X-Repo-Commit")).toBe(commit.commitOid);
    expect(file.headers.get("ETag")).toBe(`"${gitOid("# Data\n")}"`);
    const head = await h.call(alice.token, "HEAD", `/datasets/alice/data/resolve/${commit.commitOid}/README.md`);
    expect(head.headers.get("Content-Length")).toBe("7");
    expect(await head.text()).toBe("");
    const missing = await h.call(alice.token, "GET", "/datasets/alice/data/resolve/main/nope.txt");
    expect([missing.status, missing.headers.get("X-Error-Code")]).toEqual([404, "EntryNotFound"]);
    const revision = await h.call(alice.token, "GET", "/datasets/alice/data/resolve/v1/README.md");
    expect([revision.status, revision.headers.get("X-Error-Code")]).toEqual([404, "RevisionNotFound"]);
    await kit.json(h.call(alice.token, "PUT", `${api}/settings`, { private: true }));
    const hidden = await h.call(undefined, "GET", "/datasets/alice/data/resolve/main/README.md");
    expect([hidden.status, hidden.headers.get("X-Error-Code")]).toEqual([404, "RepoNotFound"]);
    expect((await h.call(alice.token, "GET", "/datasets/alice/data/resolve/main/README.md")).status).toBe(200);
  });
});
