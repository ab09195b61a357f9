import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, runCliInTerminal, type ServeProcess, startServe } from "../../../../../test-support/cli.js";
import { createTestDatabase, type TestDatabase } from "../../../../../test-support/databases.js";

describe("hubhooks webhooks against a running server", () => {
  let database: TestDatabase;
  let serve: ServeProcess;
  let env: Record<string, string>;
  const cli = (...args: string[]) => runCli(["webhooks", ...args], env);
  const json = async (...args: string[]) => {
    const result = await cli(...args, "--format", "json");
    expect(result.stderr).toBe("");
    return JSON.parse(result.stdout);
  };

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    serve = await startServe(["--database", database.location]);
    env = { HF_ENDPOINT: serve.url, HF_TOKEN: serve.adminToken as string };
  });
  afterAll(async () => {
    await serve?.stop();
    await database?.drop();
  });

  it("creates, lists, shows, updates, disables, enables and deletes", async () => {
    const created = await json(
      "create",
      "--watch",
      "user:julien-c",
      "--watch",
      "model:openai-community/gpt2",
      "--url",
      "https://example.com/hook",
      "--domain",
      "repo",
      "--secret",
      "s3cret",
    );
    expect(created).toMatchObject({
      url: "https://example.com/hook",
      watched: [
        { type: "user", name: "julien-c" },
        { type: "model", name: "openai-community/gpt2" },
      ],
      domains: ["repo"],
      secret: "s3cret",
      disabled: false,
    });

    const list = await json("ls");
    expect(list.map((w: { id: string }) => w.id)).toEqual([created.id]);
    expect((await cli("ls", "--format", "quiet")).stdout).toBe(`${created.id}\n`);
    const table = (await cli("ls")).stdout;
    expect(table).toMatch(/^ID\s+URL\s+DISABLED\s+DOMAINS\s+WATCHED/);
    expect(table).toContain("user:julien-c");

    expect(await json("info", created.id)).toEqual(created);

    const updated = await json("update", created.id, "--url", "https://example.com/v2", "--domain", "discussions");
    expect(updated).toMatchObject({ url: "https://example.com/v2", domains: ["discussion"], watched: created.watched });

    expect((await json("disable", created.id)).disabled).toBe(true);
    expect((await json("enable", created.id)).disabled).toBe(false);
    expect((await cli("enable", created.id)).stdout).toMatch(/disabled:\s+false/);

    const refused = await cli("delete", created.id);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("refusing to delete without --yes");
    expect(await json("info", created.id)).toMatchObject({ id: created.id });

    const deleted = await cli("delete", created.id, "--yes");
    expect(deleted.stdout).toBe(`Deleted webhook ${created.id}\n`);
    expect((await cli("ls")).stdout).toBe("No results found.\n");
  });

  it("sizes tables to the terminal, cuts nothing when piped or with --no-truncate", async () => {
    const url = `https://example.com/${"a-long-path-segment/".repeat(6)}end`;
    const watched = ["model:openai-community/gpt2", "user:julien-c", "org:huggingface", "dataset:squad"];
    const created = await json("create", "--url", url, ...watched.flatMap((w) => ["--watch", w]));
    const lines = (text: string) => text.split("\n").filter((line) => line.includes(created.id));

    const piped = lines((await cli("ls")).stdout);
    expect(piped[0]).toContain(url);
    expect(piped[0]).toContain(watched.join(", "));

    for (const columns of [80, 120]) {
      const shown = await runCliInTerminal(["webhooks", "ls"], env, columns);
      expect(shown.code).toBe(0);
      const table = shown.stdout.split("\n").filter((line) => line.trim());
      expect(table[0]).toMatch(/^ID\s+URL\s+DISABLED\s+DOMAINS\s+WATCHED/);
      for (const line of table) expect(line.length).toBeLessThanOrEqual(columns);
      expect(lines(shown.stdout)[0]).toMatch(/https:\S*…\S*end/);
    }
    const wide = await runCliInTerminal(["webhooks", "ls"], env, 300);
    expect(lines(wide.stdout)[0]).toContain(url);
    expect(lines(wide.stdout)[0]).toContain(watched.join(", "));
    const whole = await runCliInTerminal(["webhooks", "ls", "--no-truncate"], env, 80);
    expect(lines(whole.stdout)[0]).toContain(url);

    await cli("delete", created.id, "--yes");
  });

  it("accepts --endpoint and --token instead of the environment", async () => {
    const result = await runCli([
      "webhooks",
      "ls",
      "--format",
      "json",
      "--endpoint",
      serve.url,
      "--token",
      env.HF_TOKEN as string,
    ]);
    expect(result.code).toBe(0);
    expect(Array.isArray(JSON.parse(result.stdout))).toBe(true);
  });

  it("rejects a bad --watch value before calling the server", async () => {
    for (const watch of ["bad-format", "badtype:name", "model:a/b/c", "user:a/b"]) {
      const result = await cli("create", "--watch", watch, "--url", "https://e.x/h");
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/option '--watch <type:name>' argument .* is invalid/);
    }
  });

  it("prints the server's error on one line with a non-zero exit", async () => {
    const badUrl = await cli("create", "--watch", "user:x", "--url", "ftp://x");
    expect(badUrl.code).toBe(1);
    expect(badUrl.stderr).toBe("Error: 400: url must be an absolute http(s) URL\n");
    const missing = await cli("info", "0123456789abcdef01234567");
    expect(missing.stderr).toBe("Error: 404: Webhook not found\n");
    const noToken = await runCli(["webhooks", "ls", "--endpoint", serve.url], { HF_TOKEN: "" });
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toMatch(/access token is required: pass --token or set HF_TOKEN/);
    const nothing = await cli("update", "0123456789abcdef01234567");
    expect(nothing.stderr).toMatch(/nothing to update/);
  });

  it("has --help on every command", async () => {
    for (const command of ["ls", "info", "create", "update", "enable", "disable", "delete"]) {
      const help = await cli(command, "--help");
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: hubhooks webhooks ${command}`);
    }
  });
});
