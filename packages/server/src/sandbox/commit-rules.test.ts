import { beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, useServer } from "../test-support/harness.js";
import { ndjsonCommit, sandboxKit } from "../test-support/sandbox-kit.js";

/** A commit body whose header names the commit it was based on, as create_commit(parent_commit=…) sends it. */
function onParent(parentCommit: string, files: Record<string, string>): string {
  const [header, ...rest] = ndjsonCommit("based", files).trimEnd().split("\n");
  const parsed = JSON.parse(header ?? "{}");
  parsed.value.parentCommit = parentCommit;
  return `${[JSON.stringify(parsed), ...rest].join("\n")}\n`;
}

// Issue 22 item 7: commit semantics as the Hub has them.
describe.each(DIALECTS)("sandbox commit rules on %s", (dialect) => {
  const h = useServer(dialect);
  const kit = sandboxKit(h, undefined as never);
  let alice: { id: string; token: string };
  const api = "/api/models/alice/rules";
  beforeAll(async () => {
    alice = await h.user("alice");
    await kit.json(h.call(alice.token, "POST", "/api/repos/create", { name: "rules" }));
  });

  it("a commit based on a stale parent_commit is a 412 and writes nothing; on the current one it goes through", async () => {
    const base = (await kit.json(h.call(undefined, "GET", api))).sha;
    const moved = (
      await kit.json(h.call(alice.token, "POST", `${api}/commit/main`, ndjsonCommit("a", { "a.txt": "a" })))
    ).commitOid;
    const stale = await h.call(alice.token, "POST", `${api}/commit/main`, onParent(base, { "b.txt": "b" }));
    expect(stale.status).toBe(412);
    expect(((await stale.json()) as { error: string }).error).toContain("A commit has happened since");
    expect((await kit.json(h.call(undefined, "GET", api))).sha).toBe(moved);
    await kit.json(h.call(alice.token, "POST", `${api}/commit/main`, onParent(moved, { "b.txt": "b" })));
    const bad = await h.call(alice.token, "POST", `${api}/commit/main`, onParent("nope", { "c.txt": "c" }));
    expect(bad.status).toBe(400);
  });

  it("two commits at once both land, the second's parent the first", async () => {
    const results = await Promise.all(
      ["x", "y"].map((name) =>
        kit.json(h.call(alice.token, "POST", `${api}/commit/main`, ndjsonCommit(name, { [`${name}.txt`]: name }))),
      ),
    );
    const commits = await kit.json(h.call(undefined, "GET", `${api}/commits/main`));
    const ids = commits.slice(0, 2).map((c: { id: string }) => c.id);
    expect(ids.sort()).toEqual(results.map((r) => r.commitOid).sort());
  });

  it("repo ids are case-insensitive, answered in the stored casing", async () => {
    const info = await kit.json(h.call(undefined, "GET", "/api/models/Alice/RULES"));
    expect(info.id).toBe("alice/rules");
    const res = await h.call(undefined, "GET", "/Alice/Rules/resolve/main/a.txt");
    expect(await res.text()).toBe("a");
    const again = await h.call(alice.token, "POST", "/api/repos/create", { name: "Rules" });
    expect(again.status).toBe(409);
    await kit.json(h.call(alice.token, "POST", "/api/repos/move", { fromRepo: "alice/rules", toRepo: "alice/Rules" }));
    expect((await kit.json(h.call(undefined, "GET", "/api/models/alice/rules"))).id).toBe("alice/Rules");
    await kit.json(h.call(alice.token, "POST", "/api/repos/move", { fromRepo: "alice/Rules", toRepo: "alice/rules" }));
  });

  it("preupload answers shouldIgnore by the commit's .gitignore, else the branch's, and for .git/", async () => {
    await kit.json(
      h.call(alice.token, "POST", `${api}/commit/main`, ndjsonCommit("ignore", { ".gitignore": "*.log\n/build/\n" })),
    );
    const ask = (extra: object = {}) =>
      kit.json(
        h.call(alice.token, "POST", `${api}/preupload/main`, {
          files: ["a.log", "sub/b.log", "build/x.bin", "src/build/y.txt", "keep.txt", ".git/HEAD"].map((path) => ({
            path,
            size: 1,
            sample: "",
          })),
          ...extra,
        }),
      );
    const ignored = (answer: { files: Array<{ path: string; shouldIgnore: boolean }> }) =>
      answer.files.filter((file) => file.shouldIgnore).map((file) => file.path);
    expect(ignored(await ask())).toEqual(["a.log", "sub/b.log", "build/x.bin", ".git/HEAD"]);
    expect(ignored(await ask({ gitIgnore: "keep.txt\n" }))).toEqual(["keep.txt", ".git/HEAD"]);
  });

  it("preupload takes the client's largest batch (256 files with samples), well past 64 KiB", async () => {
    const files = Array.from({ length: 256 }, (_, index) => ({
      path: `data/${"deep/".repeat(20)}file-${index}.txt`,
      size: 512,
      sample: Buffer.alloc(512, index % 256).toString("base64"),
    }));
    const body = JSON.stringify({ files });
    expect(body.length).toBeGreaterThan(200 * 1024);
    const modes = await kit.json(h.call(alice.token, "POST", `${api}/preupload/main`, body));
    expect(modes.files).toHaveLength(256);
  });
});
