import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "../../../../test-support/api.js";
import { runCli, type ServeProcess, startServe } from "../../../../test-support/cli.js";
import { createTestDatabase, type TestDatabase } from "../../../../test-support/databases.js";
import { TestReceiver } from "../../../../test-support/receiver.js";

const BATCH = 25;
const MAX_BATCHES = 1500;

/** `hubhooks backup` of a SQLite database while `hubhooks serve` ingests and delivers into it. */
describe("hubhooks backup", () => {
  let database: TestDatabase;
  let serve: ServeProcess;
  let call: ReturnType<typeof createClient>;
  const receiver = new TestReceiver();
  const folder = () => join(database.location, "..");
  beforeAll(async () => {
    await receiver.start();
    database = await createTestDatabase("sqlite");
    serve = await startServe(["--database", database.location, "--rate-limit", "1000000", "--api-rate-limit", "0"]);
    call = createClient(serve.url, serve.adminToken as string);
    // Two webhooks match every event: each event is committed with exactly two deliveries.
    for (const path of ["/a", "/b"]) {
      await call("POST", "/api/settings/webhooks", {
        url: `${receiver.url}${path}`,
        watched: [{ type: "org", name: "busy" }],
      });
    }
  });
  afterAll(async () => {
    await serve?.stop();
    await receiver.stop();
    await database?.drop();
  });

  it("copies a consistent database while the server is writing deliveries, and the copy serves", async () => {
    let writing = true;
    let posted = 0;
    // Batches of events, one after another, for as long as the backups run (bounded, far above what they need).
    const load = (async () => {
      for (let batch = 0; writing && batch < MAX_BATCHES; batch++) {
        const events = Array.from({ length: BATCH }, (_, i) => ({
          event: { action: "update", scope: "repo" },
          repo: { type: "model", name: `busy/m-${batch}-${i}` },
        }));
        await call("POST", "/api/events", events);
        posted += events.length;
      }
    })();
    await expect.poll(() => posted, { timeout: 30_000 }).toBeGreaterThanOrEqual(500);
    const files = [join(folder(), "backup-1.db"), join(folder(), "backup-2.db")];
    const results = [];
    const acceptedBefore: number[] = [];
    for (const file of files) {
      acceptedBefore.push(posted);
      results.push(await runCli(["backup", file, "--database", database.location]));
      expect(posted, "the server was still ingesting").toBeLessThan(MAX_BATCHES * BATCH);
    }
    writing = false;
    await load;
    // Idle now, then one small change: it sits in the WAL until a checkpoint, where a copy of the main file alone
    // would miss it.
    await expect.poll(() => receiver.requests.length, { timeout: 120_000 }).toBe(2 * posted);
    await call("POST", "/api/settings/webhooks", {
      url: `${receiver.url}/c`,
      watched: [{ type: "org", name: "busy" }],
    });
    const idle = join(folder(), "backup-3.db");
    files.push(idle);
    acceptedBefore.push(posted);
    results.push(await runCli(["backup", idle, "--database", database.location]));
    for (const [index, file] of files.entries()) {
      const result = results[index];
      expect(result?.stderr).toBe("");
      expect(result?.code).toBe(0);
      expect(result?.stdout).toMatch(
        /^Backed up .* to .*backup-\d\.db \(.* MiB, integrity ok\): 1 users, [23] webhooks, \d+ deliveries/,
      );
      expect(existsSync(`${file}.partial`)).toBe(false);
      const copy = new SQLite(file, { readonly: true });
      try {
        expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
        const events = (copy.prepare("select count(*) as n from events").get() as { n: number }).n;
        const deliveries = (copy.prepare("select count(*) as n from deliveries").get() as { n: number }).n;
        // One snapshot: every event the copy holds has both of its deliveries, none half-written.
        // Every event accepted (202) before the backup started is in it, committed but not yet checkpointed ones too.
        expect(events).toBeGreaterThanOrEqual(acceptedBefore[index] as number);
        if (file === idle) {
          expect(events).toBe(posted);
          expect(copy.prepare("select url from webhooks where url like '%/c'").all()).toHaveLength(1);
        }
        expect(deliveries).toBe(2 * events);
        const orphans = copy
          .prepare(
            "select count(*) as n from events where (select count(*) from deliveries d where d.event_id = events.id) <> 2",
          )
          .get() as { n: number };
        expect(orphans.n).toBe(0);
      } finally {
        copy.close();
      }
    }
    // The copy is a working database: a server started on it answers with the same webhooks and token.
    const restored = await startServe(["--database", idle, "--no-worker"]);
    try {
      const webhooks = (await createClient(restored.url, serve.adminToken as string)(
        "GET",
        "/api/settings/webhooks",
      )) as unknown[];
      expect(webhooks).toHaveLength(3);
    } finally {
      await restored.stop();
    }
  }, 240_000);

  it("never overwrites a file, and sends PostgreSQL to pg_dump", async () => {
    const taken = join(folder(), "taken.db");
    writeFileSync(taken, "mine");
    const refused = await runCli(["backup", taken, "--database", database.location]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/exists: give a new file name/);
    const pg = await runCli(["backup", join(folder(), "x.db"), "--database", "postgres://u@127.0.0.1:1/db"]);
    expect(pg.code).not.toBe(0);
    expect(pg.stderr).toMatch(/pg_dump --format=custom/);
    const missing = await runCli(["backup", join(folder(), "y.db"), "--database", join(folder(), "nope.db")]);
    expect(missing.stderr).toMatch(/no database at/);
  });
});
