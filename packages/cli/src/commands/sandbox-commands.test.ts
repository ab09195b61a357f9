import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, type ServeProcess, startServe } from "../../../../test-support/cli.js";
import { createTestDatabase, type TestDatabase } from "../../../../test-support/databases.js";

/** `hubhooks repos …` and `hubhooks discussions …` as a user types them, against `hubhooks serve`. */
describe("repos and discussions commands against the sandbox", () => {
  let database: TestDatabase;
  let serve: ServeProcess;
  let env: Record<string, string>;
  const cli = async (...args: string[]) => {
    const result = await runCli(args, env);
    expect(result.code, `${args.join(" ")}: ${result.stderr}`).toBe(0);
    return result.stdout;
  };
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    serve = await startServe(["--database", database.location]);
    env = { HF_ENDPOINT: serve.url, HF_TOKEN: serve.adminToken as string };
  }, 60_000);
  afterAll(async () => {
    await serve?.stop();
    await database?.drop();
  });

  it("creates a repo, uploads a file, opens, comments on, merges and lists discussions", async () => {
    expect(await cli("repos", "create", "admin/demo")).toBe(`${serve.url}/admin/demo\n`);
    const dir = await mkdtemp(join(tmpdir(), "hubhooks-upload-"));
    await writeFile(join(dir, "notes.txt"), "hello\n");
    expect(await cli("repos", "upload", "admin/demo", join(dir, "notes.txt"))).toMatch(
      new RegExp(`^${serve.url}/admin/demo/commit/[0-9a-f]{40}\\n$`),
    );
    expect(await (await fetch(`${serve.url}/admin/demo/resolve/main/notes.txt`)).text()).toBe("hello\n");
    expect(await cli("repos", "upload", "admin/demo", join(dir, "notes.txt"), "docs/n.txt", "--pr", "-m", "Docs")).toBe(
      `${serve.url}/admin/demo/discussions/1\n`,
    );
    expect(await cli("discussions", "create", "admin/demo", "--title", "Hi there", "--description", "first")).toBe(
      "Opened #2\n",
    );
    expect(await cli("discussions", "comment", "admin/demo", "2", "a comment")).toMatch(/^Commented [0-9a-f]{24}\n$/);
    expect(await cli("discussions", "merge", "admin/demo", "1")).toBe("Merged #1\n");
    expect(await cli("discussions", "close", "admin/demo", "2", "--comment", "done")).toBe("#2 is closed\n");
    const table = await cli("discussions", "ls", "admin/demo");
    expect(table.split("\n").map((line) => line.split(/\s{2,}/))).toEqual([
      ["NUM", "KIND", "STATUS", "AUTHOR", "TITLE"],
      ["#2", "discussion", "closed", "admin", "Hi there"],
      ["#1", "pull request", "merged", "admin", "Docs"],
      [""],
    ]);
    const shown = await cli("discussions", "show", "admin/demo", "2");
    expect(shown).toMatch(/^#2 Hi there {2}\[closed\]\n/);
    expect(shown).toContain("  a comment\n");
    expect(shown).toContain("  changed the status to closed\n");
    const json = JSON.parse(await cli("discussions", "show", "admin/demo", "2", "--format", "json"));
    expect(json.events).toHaveLength(4);
  });

  it("never prints another account's control characters raw: escaped in tables and text, exact in JSON", async () => {
    const evil = "\u001b[2J\u001b]0;pwned\u0007 Clear\u202eexe.txt\u009b31m";
    await cli("repos", "create", "admin/escapes");
    await cli("discussions", "create", "admin/escapes", "--title", evil, "--description", `line 1\n${evil}`);
    await cli("discussions", "comment", "admin/escapes", "1", evil);
    // Any control but the newline, or a bidi override.
    const raw = /(?!\n)[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;
    for (const args of [
      ["discussions", "ls", "admin/escapes"],
      ["discussions", "show", "admin/escapes", "1"],
    ]) {
      const out = await cli(...args);
      expect(out, args.join(" ")).not.toMatch(raw);
      expect(out, args.join(" ")).toContain("\\x1b[2J\\x1b]0;pwned\\x07 Clear\\u202eexe.txt\\x9b31m");
    }
    const json = JSON.parse(await cli("discussions", "show", "admin/escapes", "1", "--format", "json"));
    expect(json.title).toBe(evil);
    // The server's error messages quote user input too, and go to stderr.
    const failed = await runCli(["repos", "create", `admin/x${evil}`], env);
    expect(failed.stderr).not.toMatch(raw);
  });

  it("changes settings, moves and deletes; errors are one line", async () => {
    expect(await cli("repos", "settings", "admin/demo", "--private")).toBe("admin/demo is now private\n");
    expect(await cli("repos", "move", "admin/demo", "admin/demo2")).toBe("Moved admin/demo to admin/demo2\n");
    expect(await cli("repos", "delete", "admin/demo2", "--yes")).toBe("Deleted admin/demo2\n");
    const missing = await runCli(["discussions", "ls", "admin/demo2"], env);
    expect([missing.code, missing.stderr]).toEqual([1, "Error: 404: Repository not found: model admin/demo2\n"]);
    const badNum = await runCli(["discussions", "show", "admin/demo2", "0"], env);
    expect(badNum.stderr).toBe('Error: "0" is not a discussion number\n');
    const noFlag = await runCli(["repos", "settings", "admin/x"], env);
    expect(noFlag.stderr).toBe("Error: give one of --private or --public\n");
  });
});
