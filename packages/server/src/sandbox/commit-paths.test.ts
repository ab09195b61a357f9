import { beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, useServer } from "../test-support/harness.js";
import { ndjsonCommit } from "../test-support/sandbox-kit.js";

/** Paths the Hub refuses in a commit (or that could not be downloaded again, or that lie about what they are). */
const REFUSED = [
  "..\\win.txt",
  "a\\..\\b",
  "a\\b.txt",
  "tab\there.txt",
  "new\nline.txt",
  "esc\u001b[2J.txt",
  "del\u007f.txt",
  ".git/config",
  "sub/.git/hooks/post-checkout",
  ".cache/x",
  "a//b",
  "a/b/",
  "evil\u202etxt.exe",
  "/etc/passwd",
  "./a",
  "a/./b",
  "../a",
  "a/../../b",
  ".",
  "..",
  "x".repeat(1001),
];

describe.each(DIALECTS)("commit paths on %s", (dialect) => {
  const h = useServer(dialect);
  let token = "";
  const api = "/api/models/alice/files";
  beforeAll(async () => {
    token = (await h.user("alice")).token;
    await h.call(token, "POST", "/api/repos/create", { name: "files" });
  });
  const commit = (body: string) =>
    h.server.app.request(`${api}/commit/main`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/x-ndjson" },
      body,
    });

  it.each(REFUSED.map((path) => [JSON.stringify(path).slice(0, 40), path]))(
    "refuses %s with 422 naming the path, in commits and preupload",
    async (_, path) => {
      for (const body of [
        ndjsonCommit("Add", { [path]: "x" }),
        ndjsonCommit("Del", { [path]: null }),
        `${JSON.stringify({ key: "header", value: { summary: "Del" } })}\n${JSON.stringify({ key: "deletedFolder", value: { path: `${path}/` } })}\n`,
      ]) {
        const res = await commit(body);
        const text = await res.text();
        expect(res.status, text).toBe(422);
        expect(JSON.parse(text).error).toContain(JSON.stringify(path.slice(0, 200)));
      }
      const pre = await h.call(token, "POST", `${api}/preupload/main`, { files: [{ path, size: 1, sample: "" }] });
      if (path.split("/").includes(".git")) {
        // Issue 22: preupload answers files inside .git/ as ignored (the client skips them), as the Hub does.
        expect(((await pre.json()) as { files: unknown[] }).files).toEqual([
          expect.objectContaining({ shouldIgnore: true }),
        ]);
        return;
      }
      expect(pre.status).toBe(422);
      expect(((await pre.json()) as { error: string }).error).toContain(JSON.stringify(path.slice(0, 200)));
    },
  );

  it("keeps ordinary paths, dots inside names, unicode names, and a folder deletion's trailing slash", async () => {
    const files = {
      "README.md": "r",
      "a/b.c/d..e.txt": "d",
      "données/été.csv": "é",
      ".gitattributes": "g",
      "x/y": "y",
    };
    expect((await commit(ndjsonCommit("Add", files))).status).toBe(200);
    const del = `${JSON.stringify({ key: "header", value: { summary: "Del" } })}\n${JSON.stringify({ key: "deletedFolder", value: { path: "x/" } })}\n`;
    expect((await commit(del)).status).toBe(200);
    const file = await h.call(undefined, "GET", `/alice/files/resolve/main/${encodeURI("données/été.csv")}`);
    expect(await file.text()).toBe("é");
    expect((await h.call(undefined, "GET", "/alice/files/resolve/main/x/y")).status).toBe(404);
  });
});
