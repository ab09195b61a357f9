import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "@hubhooks/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, type ServeProcess, startServe } from "../../../../test-support/cli.js";
import { createTestDatabase, DIALECTS, type TestDatabase } from "../../../../test-support/databases.js";

describe.each(DIALECTS)("hubhooks serve over a real socket on %s", (dialect) => {
  let database: TestDatabase;
  let serve: ServeProcess;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    serve = await startServe(["--database", database.location]);
  });
  afterAll(async () => {
    await serve?.stop();
    await database?.drop();
  });

  it("creates the admin user on an empty database and prints its token once", async () => {
    expect(serve.output()).toContain('user "admin" was created');
    expect(serve.adminToken).toMatch(/^hf_[A-Za-z]{34}$/);
    const res = await fetch(`${serve.url}/api/settings/webhooks`, {
      headers: { Authorization: `Bearer ${serve.adminToken}` },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([]);
  });

  it("serves users created by the CLI against the same database", async () => {
    const created = await runCli(["users", "create", "carol", "--json", "--database", database.location]);
    expect(created.code).toBe(0);
    const { name, token } = JSON.parse(created.stdout) as { name: string; token: string };
    expect(name).toBe("carol");
    const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
    const body = JSON.stringify({ url: "https://example.com/h", watched: [{ type: "user", name: "carol" }] });
    const res = await fetch(`${serve.url}/api/settings/webhooks`, { method: "POST", headers, body });
    expect(res.status).toBe(200);
    const list = (await (await fetch(`${serve.url}/api/settings/webhooks`, { headers })).json()) as unknown[];
    expect(list).toHaveLength(1);

    const again = await runCli(["users", "token", "carol", "--database", database.location]);
    expect(again.stdout.trim()).toMatch(/^hf_/);
    const withNewToken = await fetch(`${serve.url}/api/settings/webhooks`, {
      headers: { Authorization: `Bearer ${again.stdout.trim()}` },
    });
    expect(((await withNewToken.json()) as unknown[]).length).toBe(1);
  });

  it("does not create another admin on restart and stops cleanly on SIGTERM", async () => {
    expect(await serve.stop("SIGTERM")).toBe(0);
    serve = await startServe(["--database", database.location]);
    expect(serve.output()).not.toContain("was created");
  });
});

describe("users and orgs commands", () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "hubhooks-cli-"));
    db = join(dir, "h.db");
    // Only `serve` creates a database; these commands work on the one it made.
    await (await openDatabase(db)).close();
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("never creates a database: a missing one is an error naming the path and --database", async () => {
    const elsewhere = await mkdtemp(join(tmpdir(), "hubhooks-elsewhere-"));
    const inFolder = await runCli(["users", "token", "admin", "--database", join(elsewhere, "none.db")]);
    expect(inFolder.stderr).toBe(
      `Error: no database at ${join(elsewhere, "none.db")}: run this command where "hubhooks serve" runs, or pass --database (or HUBHOOKS_DATABASE_URL)\n`,
    );
    expect(existsSync(join(elsewhere, "none.db"))).toBe(false);
    await rm(elsewhere, { recursive: true, force: true });
  });

  // Twelve and eight hubhooks processes one after the other: a few seconds each on a loaded 2-core machine.
  it("refuses invalid user and org names", async () => {
    for (const name of ["bad/name", "", "-lead", "trail.", "a..b", "x".repeat(97)]) {
      const result = await runCli(["users", "create", "--database", db, "--", name]);
      expect(result.code, name).toBe(1);
      expect(result.stderr, name).toMatch(/is not a valid name/);
      const org = await runCli(["orgs", "create", "--database", db, "--", name]);
      expect(org.stderr, name).toMatch(/is not a valid name/);
    }
  }, 90_000);

  it("refuses the names the server's URLs use, with a one-line error", async () => {
    for (const name of ["datasets", "api", "settings", "Spaces"]) {
      for (const kind of ["users", "orgs"]) {
        const result = await runCli([kind, "create", name, "--database", db]);
        expect(result.code, `${kind} ${name}`).toBe(1);
        expect(result.stderr).toBe(
          `Error: "${name}" is reserved: it is part of this server's URLs (such as /${name.toLowerCase()}/…)\n`,
        );
      }
    }
  }, 90_000);

  it("creates users and orgs with members, and refuses clashes with a one-line error", async () => {
    expect((await runCli(["users", "create", "dave", "--database", db])).stdout).toMatch(/^hf_\w+\n$/);
    const org = await runCli(["orgs", "create", "acme", "--member", "dave", "--json", "--database", db]);
    expect(JSON.parse(org.stdout)).toEqual({ name: "acme", members: ["dave"] });
    const clash = await runCli(["users", "create", "acme", "--database", db]);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toBe('Error: the name "acme" is already taken\n');
    const missing = await runCli(["orgs", "create", "beta", "--member", "nobody", "--database", db]);
    expect(missing.stderr).toContain('no user named "nobody"');
  });

  it("reads the database location from HUBHOOKS_DATABASE_URL", async () => {
    const listed = await runCli(["users", "ls", "--json"], { HUBHOOKS_DATABASE_URL: db });
    expect(JSON.parse(listed.stdout).map((u: { name: string }) => u.name)).toEqual(["dave"]);
  });
});

describe("serve refuses bad settings with one line naming them", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "hubhooks-opts-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const serve = (args: string[], env: Record<string, string> = {}) =>
    runCli(["serve", "--port", "0", "--database", join(dir, "x.db"), ...args], env);

  it.each([
    [["--rate-limit", "abc"], {}, /^Error: --rate-limit must be a whole number from 1 to 1000000000, got "abc"\n$/],
    [["--rate-limit", "-5"], {}, /--rate-limit must be a whole number/],
    [["--rate-limit", "1.5"], {}, /--rate-limit must be a whole number/],
    [["--delivery-timeout", "abc"], {}, /--delivery-timeout \(ms\) must be a whole number from 10/],
    [["--delivery-timeout", "0"], {}, /--delivery-timeout \(ms\) must be a whole number from 10/],
    [["--lease", "abc"], {}, /--lease \(ms\) must be a whole number from 1000/],
    [["--public-hub-url", "notaurl"], {}, /--public-hub-url must be an http\(s\) URL, got "notaurl"/],
    [["--port", "abc"], {}, /--port must be a whole number from 0 to 65535, got "abc"/],
    [[], { HUBHOOKS_RATE_LIMIT: "lots" }, /HUBHOOKS_RATE_LIMIT must be a whole number/],
    [[], { HUBHOOKS_ALLOW_PRIVATE_TARGETS: "maybe" }, /HUBHOOKS_ALLOW_PRIVATE_TARGETS="maybe" is not a boolean/],
  ] as Array<[string[], Record<string, string>, RegExp]>)("serve %j %j", async (args, env, message) => {
    const result = await serve(args, env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("creates no folder for an explicit --database whose folder is missing", async () => {
    const result = await runCli(["serve", "--port", "0", "--database", join(dir, "missing", "x.db")]);
    expect(result.stderr).toMatch(/the folder of --database .*missing.* does not exist/);
    expect(existsSync(join(dir, "missing"))).toBe(false);
  });

  it("names a PostgreSQL database it cannot reach, password masked", async () => {
    const result = await runCli(["serve", "--port", "0", "--database", "postgres://bob:s3cret@127.0.0.1:1/db"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^Error: could not open the database postgres:\/\/bob:\*\*\*@127\.0\.0\.1:1\/db: ECONNREFUSED/,
    );
    expect(result.stderr).not.toContain("s3cret");
  });

  it("HUBHOOKS_ALLOW_PRIVATE_TARGETS=false keeps the SSRF guard on, even on loopback", async () => {
    const started = await startServe(["--database", join(dir, "ssrf.db")], { HUBHOOKS_ALLOW_PRIVATE_TARGETS: "false" });
    expect(started.output()).toMatch(/private targets .* refused \(--allow-private-targets=false\)/);
    await started.stop();
    const denied = await startServe(["--database", join(dir, "ssrf.db"), "--deny-private-targets"]);
    expect(denied.output()).toMatch(/private targets .* refused \(--deny-private-targets\)/);
    await denied.stop();
  });

  it("says which port is busy and how to choose another; prints the token hint on a second start", async () => {
    const first = await startServe(["--database", join(dir, "busy.db")]);
    const port = new URL(first.url).port;
    expect(first.output()).toMatch(/Database:\s+\S+busy\.db \(SQLite\)/);
    const second = await runCli(["serve", "--port", port, "--database", join(dir, "busy.db")]);
    expect(second.stderr).toBe(
      `Error: port ${port} on 127.0.0.1 is already in use (another hubhooks serve?): choose another with --port or HUBHOOKS_PORT\n`,
    );
    await first.stop();
    const again = await startServe(["--database", join(dir, "busy.db")]);
    expect(again.output()).toContain(`npx hubhooks users token admin --database ${join(dir, "busy.db")}`);
    await again.stop();
  });

  it("refuses hubhooks worker on SQLite", async () => {
    const result = await runCli(["worker", "--database", join(dir, "busy.db")]);
    expect(result.stderr).toMatch(/^Error: hubhooks worker needs PostgreSQL/);
  });
});
