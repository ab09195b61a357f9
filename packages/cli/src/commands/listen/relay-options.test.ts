import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, startServe } from "../../../../../test-support/cli.js";

describe("serve's relay options", () => {
  const dirs: string[] = [];
  const database = async () => {
    const dir = await mkdtemp(join(tmpdir(), "relay-options-"));
    dirs.push(dir);
    return join(dir, "hubhooks.db");
  };
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it.each([
    [["--admin-token", "hf_short"], "--admin-token must be hf_ and at least 30 letters or digits"],
    [["--relay-max-body", "10"], '--relay-max-body must be a whole number from 1024 to 33554432, got "10"'],
    [["--relay-max-age", "abc"], "--relay-max-age must be a whole number from 60000"],
    [["--public-url", "ftp://x"], '--public-url must be an http(s) URL, got "ftp://x"'],
  ])("refuses %j with one line", async (args, message) => {
    const result = await runCli(["serve", "--port", "0", "--database", await database(), ...args]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
  });

  it("gives user admin the token of HUBHOOKS_ADMIN_TOKEN, on an empty database and again on restart", async () => {
    const location = await database();
    const token = `hf_${"a1B2".repeat(8)}`;
    for (let start = 0; start < 2; start++) {
      const serve = await startServe(["--database", location, "--relay-only"], { HUBHOOKS_ADMIN_TOKEN: token });
      try {
        expect(serve.output()).not.toMatch(/shown only this once/);
        const res = await fetch(`${serve.url}/api/relay/channels`, { headers: { Authorization: `Bearer ${token}` } });
        expect(res.status).toBe(200);
        const other = await fetch(`${serve.url}/api/relay/channels`, { headers: { Authorization: "Bearer hf_nope" } });
        expect(other.status).toBe(401);
      } finally {
        await serve.stop();
      }
    }
  });
});
