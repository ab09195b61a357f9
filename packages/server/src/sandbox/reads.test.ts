import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, useServer } from "../test-support/harness.js";
import { ndjsonCommit, sandboxKit } from "../test-support/sandbox-kit.js";
import * as store from "./content-store.js";
import { findRepo, MAIN_REF } from "./repo-store.js";

const MiB = 1024 * 1024;
const gitOid = (content: Buffer) =>
  createHash("sha1")
    .update(Buffer.concat([Buffer.from(`blob ${content.length}\0`), content]))
    .digest("hex");

// Issue 21: reading a repo loaded every file's content (24 anonymous repo infos of a full repo: +775 MiB RSS).
describe.each(DIALECTS)("sandbox reads load only what they answer, on %s", (dialect) => {
  const h = useServer(dialect);
  const kit = sandboxKit(h, undefined as never);
  let alice: { id: string; token: string };
  let repoId: string;
  const big = (fill: string) => fill.repeat(MiB);
  const api = "/api/models/alice/heavy";
  beforeAll(async () => {
    alice = await h.user("alice");
    await kit.json(h.call(alice.token, "POST", "/api/repos/create", { name: "heavy" }));
    for (const name of ["a", "b", "c"]) {
      await kit.json(
        h.call(alice.token, "POST", `${api}/commit/main`, ndjsonCommit(name, { [`${name}.bin`]: big(name) })),
      );
    }
    await kit.json(h.call(alice.token, "POST", `${api}/commit/main`, ndjsonCommit("tiny", { "tiny.txt": "hi" })));
    // A pull request that changes a.bin and removes b.bin.
    await kit.json(
      h.call(
        alice.token,
        "POST",
        `${api}/commit/main?create_pr=1`,
        ndjsonCommit("pr", { "a.bin": "new a", "b.bin": null }),
      ),
    );
    repoId = (await findRepo(h.server.db, "model", "alice/heavy"))?.id ?? "";
  });

  it("lists a ref's files without their contents (repo info, preupload, a commit's present files)", async () => {
    const main = await store.filesAt(h.server.db, repoId, MAIN_REF);
    expect([...main.keys()].sort()).toEqual([".gitattributes", "a.bin", "b.bin", "c.bin", "tiny.txt"]);
    for (const file of main.values())
      expect(Object.keys(file).sort()).toEqual(["deleted", "lfs_sha256", "oid", "path", "size"]);
    expect(main.get("a.bin")).toMatchObject({ size: MiB, oid: gitOid(Buffer.from(big("a"))) });
    const pr = await store.filesAt(h.server.db, repoId, "refs/pr/1");
    expect([...pr.keys()].sort()).toEqual([".gitattributes", "a.bin", "c.bin", "tiny.txt"]);
    for (const file of pr.values()) expect(file).not.toHaveProperty("content");
  });

  it("reads one file's row for a download, the pull request's first, and no content for a HEAD", async () => {
    const { fileAt } = store as Record<string, any>;
    expect(typeof fileAt).toBe("function");
    const onMain = await fileAt(h.server.db, repoId, MAIN_REF, "a.bin", { content: true });
    expect(Buffer.from(onMain.content, "base64").equals(Buffer.from(big("a")))).toBe(true);
    const onPr = await fileAt(h.server.db, repoId, "refs/pr/1", "a.bin", { content: true });
    expect(Buffer.from(onPr.content, "base64").toString()).toBe("new a");
    expect(await fileAt(h.server.db, repoId, "refs/pr/1", "b.bin", { content: true })).toBeUndefined();
    const fromMain = await fileAt(h.server.db, repoId, "refs/pr/1", "c.bin", { content: false });
    expect(fromMain).toEqual({
      path: "c.bin",
      size: MiB,
      oid: gitOid(Buffer.from(big("c"))),
      deleted: 0,
      lfs_sha256: null,
    });
    expect(await fileAt(h.server.db, repoId, MAIN_REF, "nope.bin", { content: false })).toBeUndefined();
  });

  it("answers repo info, HEAD and GET resolve as before, anonymously", async () => {
    const info = await kit.json(h.call(undefined, "GET", api));
    expect(info.siblings.map((s: { rfilename: string }) => s.rfilename)).toEqual([
      ".gitattributes",
      "a.bin",
      "b.bin",
      "c.bin",
      "tiny.txt",
    ]);
    const head = await h.call(undefined, "HEAD", "/alice/heavy/resolve/main/tiny.txt");
    expect(head.status).toBe(200);
    expect(head.headers.get("Content-Length")).toBe("2");
    expect(head.headers.get("ETag")).toBe(`"${gitOid(Buffer.from("hi"))}"`);
    expect(head.headers.get("X-Repo-Commit")).toBe(info.sha);
    const bigHead = await h.call(undefined, "HEAD", "/alice/heavy/resolve/main/c.bin");
    expect(bigHead.headers.get("Content-Length")).toBe(String(MiB));
    const get = await h.call(undefined, "GET", "/alice/heavy/resolve/main/c.bin");
    expect(Buffer.from(await get.arrayBuffer()).equals(Buffer.from(big("c")))).toBe(true);
    const prGet = await h.call(undefined, "GET", "/alice/heavy/resolve/refs%2Fpr%2F1/a.bin");
    expect(await prGet.text()).toBe("new a");
    expect((await h.call(undefined, "GET", "/alice/heavy/resolve/refs%2Fpr%2F1/b.bin")).status).toBe(404);
    const pre = await kit.json(
      h.call(alice.token, "POST", `${api}/preupload/refs%2Fpr%2F1`, {
        files: [
          { path: "a.bin", size: 5 },
          { path: "b.bin", size: 5 },
        ],
      }),
    );
    expect(pre.files.map((f: { oid: string | null }) => f.oid)).toEqual([gitOid(Buffer.from("new a")), null]);
  });
});
