import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestReceiver } from "../../../../test-support/receiver.js";
import { DIALECTS, useServer } from "../test-support/harness.js";
import { sandboxKit } from "../test-support/sandbox-kit.js";
import { storedBytes } from "./content-store.js";
import { blobPath } from "./lfs-blobs.js";
import { findRepo } from "./repo-store.js";

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const MiB = 1024 * 1024;
const PART = 8 * MiB;

interface BatchObject {
  oid: string;
  size: number;
  actions?: { upload: { href: string; header?: Record<string, string> }; verify: { href: string } };
}

// Issue 22 item 9: large files through Git LFS as huggingface_hub uploads them without hf_xet (lfs.py), over real
// HTTP: the upload URLs carry no Authorization header, as the client sends none there.
describe.each(DIALECTS)("sandbox LFS on %s", (dialect) => {
  const h = useServer(dialect, { worker: true, delivery: { publicHubUrl: "http://hub.test", maxRepoBytes: 20 * MiB } });
  const receiver = new TestReceiver();
  const kit = sandboxKit(h, receiver);
  let base: string;
  let alice: { id: string; token: string };
  let bob: { id: string; token: string };
  const send = (token: string | undefined, method: string, path: string, body?: unknown) =>
    fetch(path.startsWith("http") ? path : `${base}${path}`, {
      method,
      headers: {
        ...(token && { Authorization: `Bearer ${token}` }),
        ...(typeof body === "object" &&
          !(body instanceof Buffer) && { "Content-Type": "application/vnd.git-lfs+json" }),
      },
      ...(body !== undefined && {
        body: body instanceof Buffer ? new Uint8Array(body) : typeof body === "string" ? body : JSON.stringify(body),
      }),
    });
  const batch = async (token: string, gitPath: string, objects: Array<{ oid: string; size: number }>) =>
    (await kit.json(
      send(token, "POST", `${gitPath}/info/lfs/objects/batch`, {
        operation: "upload",
        transfers: ["basic", "multipart"],
        objects,
        hash_algo: "sha256",
      }),
    )) as { objects: BatchObject[] };
  const lfsCommit = (summary: string, files: Array<{ path: string; oid: string; size?: number }>) =>
    `${[
      { key: "header", value: { summary, description: "" } },
      ...files.map((file) => ({ key: "lfsFile", value: { algo: "sha256", ...file } })),
    ]
      .map((line) => JSON.stringify(line))
      .join("\n")}\n`;

  beforeAll(async () => {
    await receiver.start();
    base = await h.server.listen({ port: 0, host: "127.0.0.1" });
    alice = await h.user("alice");
    bob = await h.user("bob");
    await kit.json(h.call(alice.token, "POST", "/api/repos/create", { name: "big" }));
    await kit.json(h.call(alice.token, "POST", "/api/repos/create", { name: "d", type: "dataset" }));
    await kit.json(h.call(bob.token, "POST", "/api/repos/create", { name: "mine" }));
    await kit.webhook(alice.token, "/content", [{ type: "model", name: "alice/big" }], ["repo"]);
  });
  afterAll(() => receiver.stop());

  it("basic transfer: batch, PUT without a token, verify, lfsFile commit; tree, info and downloads (Range) show it", async () => {
    const bytes = randomBytes(100_000);
    const oid = sha256(bytes);
    const object = { oid, size: bytes.length };
    expect(
      (
        await send(undefined, "POST", "/alice/big.git/info/lfs/objects/batch", {
          operation: "upload",
          objects: [object],
        })
      ).status,
    ).toBe(401);
    const [granted] = (await batch(alice.token, "/alice/big.git", [object])).objects;
    const upload = granted?.actions?.upload;
    expect(upload?.href).toMatch(new RegExp(`^${base}/api/lfs-uploads/[0-9a-f]{64}$`));
    expect(upload?.header).toBeUndefined();
    expect(granted?.actions?.verify.href).toBe(`${base}/alice/big.git/info/lfs/objects/verify`);
    // Not uploaded yet: neither verify nor a commit takes it.
    expect((await send(alice.token, "POST", granted?.actions?.verify.href ?? "", object)).status).toBe(404);
    const early = await send(
      alice.token,
      "POST",
      "/api/models/alice/big/commit/main",
      lfsCommit("w", [{ path: "w.bin", ...object }]),
    );
    expect(early.status).toBe(422);
    // Wrong bytes are refused and nothing is kept; the right ones use the URL up.
    const wrong = await send(
      undefined,
      "PUT",
      upload?.href ?? "",
      Buffer.concat([bytes.subarray(1), Buffer.from("x")]),
    );
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error).toMatch(/not the 100000 bytes with sha256/);
    expect((await send(undefined, "PUT", upload?.href ?? "", bytes)).status).toBe(200);
    expect((await send(undefined, "PUT", upload?.href ?? "", bytes)).status).toBe(404);
    await kit.json(send(alice.token, "POST", granted?.actions?.verify.href ?? "", object));
    expect((await batch(alice.token, "/alice/big.git", [object])).objects).toEqual([
      { ...object, authenticated: true },
    ]);
    // A size other than the object's is refused; without one (a copy) the object's size is taken.
    const sizeWrong = await send(
      alice.token,
      "POST",
      "/api/models/alice/big/commit/main",
      lfsCommit("w", [{ path: "w.bin", oid, size: 5 }]),
    );
    expect(sizeWrong.status).toBe(422);
    const head = (await kit.json(h.call(alice.token, "GET", "/api/models/alice/big"))).sha;
    const commit = await kit.json(
      send(
        alice.token,
        "POST",
        "/api/models/alice/big/commit/main",
        lfsCommit("weights", [
          { path: "w/w.bin", ...object },
          { path: "copy.bin", oid },
        ]),
      ),
    );
    const [payload] = await kit.payloads("/content", 1);
    expect(payload?.updatedRefs).toEqual([{ ref: "refs/heads/main", oldSha: head, newSha: commit.commitOid }]);

    const lfs = { oid, size: bytes.length, pointerSize: 131 };
    expect(Buffer.byteLength(`version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize 100000\n`)).toBe(131);
    const tree = await kit.json(h.call(alice.token, "GET", "/api/models/alice/big/tree/main/w"));
    expect(tree).toEqual([
      { type: "file", path: "w/w.bin", oid: expect.stringMatching(/^[0-9a-f]{40}$/), size: bytes.length, lfs },
    ]);
    const info = await kit.json(h.call(alice.token, "GET", "/api/models/alice/big?blobs=true"));
    expect(info.siblings.find((s: { rfilename: string }) => s.rfilename === "copy.bin")).toEqual({
      rfilename: "copy.bin",
      size: bytes.length,
      blobId: tree[0].oid,
      lfs: { size: bytes.length, sha256: oid, pointerSize: 131 },
    });
    const paths = await kit.json(
      h.call(alice.token, "POST", "/api/models/alice/big/paths-info/main", { paths: ["copy.bin"] }),
    );
    expect(paths[0].lfs).toEqual(lfs);
    const preupload = await kit.json(
      h.call(alice.token, "POST", "/api/models/alice/big/preupload/main", {
        files: [{ path: "copy.bin", size: 100_000 }],
      }),
    );
    expect(preupload.files[0]).toMatchObject({ uploadMode: "lfs", oid });

    const file = await send(undefined, "GET", "/alice/big/resolve/main/w/w.bin");
    expect(file.status).toBe(200);
    expect(file.headers.get("etag")).toBe(`"${oid}"`);
    expect(file.headers.get("x-linked-etag")).toBe(`"${oid}"`);
    expect(file.headers.get("x-linked-size")).toBe("100000");
    expect(file.headers.get("x-repo-commit")).toBe(commit.commitOid);
    expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);
    const head200 = await send(undefined, "HEAD", "/alice/big/resolve/main/copy.bin");
    expect(head200.headers.get("content-length")).toBe("100000");
    const part = await fetch(`${base}/alice/big/resolve/main/w/w.bin`, { headers: { Range: "bytes=99990-" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe("bytes 99990-99999/100000");
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(99_990))).toBe(true);
  });

  it("multipart over 8 MiB under /datasets: numbered part URLs, ETags, completion checked; the size cap holds", async () => {
    const bytes = randomBytes(PART + 5);
    const object = { oid: sha256(bytes), size: bytes.length };
    const [granted] = (await batch(alice.token, "/datasets/alice/d.git", [object])).objects;
    const upload = granted?.actions?.upload;
    const href = upload?.href ?? "";
    expect(upload?.header).toEqual({ chunk_size: String(PART), "1": `${href}/1`, "2": `${href}/2` });
    const etags: string[] = [];
    for (const [index, slice] of [bytes.subarray(0, PART), bytes.subarray(PART)].entries()) {
      const res = await send(undefined, "PUT", `${href}/${index + 1}`, Buffer.from(slice));
      expect(res.status, await res.clone().text()).toBe(200);
      etags.push(res.headers.get("etag") ?? "");
    }
    expect(etags[1]).toBe(`"${sha256(bytes.subarray(PART))}"`);
    expect((await send(undefined, "PUT", `${href}/3`, Buffer.from("x"))).status).toBe(400);
    const complete = (tags: string[]) =>
      send(undefined, "POST", href, {
        oid: object.oid,
        parts: tags.map((etag, index) => ({ partNumber: index + 1, etag })),
      });
    expect((await complete([etags[0] ?? "", "bad"])).status).toBe(400);
    // The failed completion dropped the parts: a new batch, a new upload.
    const [again] = (await batch(alice.token, "/datasets/alice/d.git", [object])).objects;
    const next = again?.actions?.upload.href ?? "";
    for (const [index, slice] of [bytes.subarray(0, PART), bytes.subarray(PART)].entries()) {
      expect((await send(undefined, "PUT", `${next}/${index + 1}`, Buffer.from(slice))).status).toBe(200);
    }
    const done = await send(undefined, "POST", next, {
      oid: object.oid,
      parts: etags.map((etag, index) => ({ partNumber: index + 1, etag })),
    });
    expect(done.status, await done.clone().text()).toBe(200);
    await kit.json(
      send(
        alice.token,
        "POST",
        "/api/datasets/alice/d/commit/main",
        lfsCommit("data", [{ path: "data.bin", ...object }]),
      ),
    );
    const tail = await fetch(`${base}/datasets/alice/d/resolve/main/data.bin`, {
      headers: { Range: `bytes=${PART - 2}-${PART + 1}` },
    });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(PART - 2, PART + 2))).toBe(true);
    // An object counts once against the cap, however many refs and paths point at it (a branch copies its files).
    const repoId = (await findRepo(h.server.db, "dataset", "alice/d"))?.id ?? "";
    const stored = await storedBytes(h.server.db, repoId);
    await kit.json(send(alice.token, "POST", "/api/datasets/alice/d/branch/dev"));
    await kit.json(
      send(
        alice.token,
        "POST",
        "/api/datasets/alice/d/commit/dev",
        lfsCommit("again", [{ path: "again.bin", ...object }]),
      ),
    );
    // What grew is the branch's copy of the inline .gitattributes, not another 8 MiB.
    expect((await storedBytes(h.server.db, repoId)) - stored).toBeLessThan(1000);
    // 8 MiB stored: 13 MiB more would pass the 20 MiB cap, at the batch already.
    const over = await send(alice.token, "POST", "/datasets/alice/d.git/info/lfs/objects/batch", {
      operation: "upload",
      objects: [{ oid: "a".repeat(64), size: 13 * MiB }],
    });
    expect(over.status).toBe(413);
    expect((await over.json()).error).toMatch(/at most 20971520 bytes per repo/);
  });

  it("an object is a repo's own: naming another repo's sha256 neither commits nor skips the upload", async () => {
    const bytes = randomBytes(1000);
    const object = { oid: sha256(bytes), size: bytes.length };
    const [granted] = (await batch(alice.token, "/alice/big.git", [object])).objects;
    expect((await send(undefined, "PUT", granted?.actions?.upload.href ?? "", bytes)).status).toBe(200);
    const stolen = await send(
      bob.token,
      "POST",
      "/api/models/bob/mine/commit/main",
      lfsCommit("take", [{ path: "x.bin", ...object }]),
    );
    expect(stolen.status).toBe(422);
    const [bobs] = (await batch(bob.token, "/bob/mine.git", [object])).objects;
    expect(bobs?.actions?.upload.href).toMatch(/\/api\/lfs-uploads\//);
    // Private repos answer the batch as missing ones.
    await kit.json(h.call(alice.token, "PUT", "/api/models/alice/big/settings", { private: true }));
    const hidden = await send(bob.token, "POST", "/alice/big.git/info/lfs/objects/batch", {
      operation: "upload",
      objects: [object],
    });
    expect(hidden.status).toBe(404);
    expect((await send(undefined, "PUT", "/api/lfs-uploads/nope", bytes)).status).toBe(404);
  });

  it("deleting a repo takes its objects off the disk, unless another repo has them too", async () => {
    const root = h.server.config.lfsDir ?? "";
    const shared = randomBytes(500);
    const own = randomBytes(600);
    await kit.json(h.call(bob.token, "POST", "/api/repos/create", { name: "gone" }));
    for (const [token, git, bytes] of [
      [alice.token, "/alice/big.git", shared],
      [bob.token, "/bob/gone.git", shared],
      [bob.token, "/bob/gone.git", own],
    ] as const) {
      const [granted] = (await batch(token, git, [{ oid: sha256(bytes), size: bytes.length }])).objects;
      expect((await send(undefined, "PUT", granted?.actions?.upload.href ?? "", bytes)).status).toBe(200);
    }
    expect(existsSync(blobPath(root, sha256(own)))).toBe(true);
    await kit.json(h.call(bob.token, "DELETE", "/api/repos/delete", { name: "gone", type: "model" }));
    expect(existsSync(blobPath(root, sha256(own)))).toBe(false);
    expect(existsSync(blobPath(root, sha256(shared)))).toBe(true);
  });
});
