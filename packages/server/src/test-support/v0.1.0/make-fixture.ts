/**
 * How data.json was made, kept for the record: it ran ONCE against hubhooks v0.1.0 (not against today's code):
 *
 *   git worktree add /tmp/v010 v0.1.0 && ln -s "$PWD/node_modules" /tmp/v010/node_modules
 *   cp packages/server/src/test-support/v0.1.0/make-fixture.ts /tmp/v010/
 *   (cd /tmp/v010 && npx tsx make-fixture.ts) > packages/server/src/test-support/v0.1.0/data.json
 *
 * It runs v0.1.0's server on a SQLite file with three users, an org, webhooks of every kind (secret, signing,
 * disabled, one whose receiver fails), events delivered and retries pending, then prints every table's rows.
 * Receiver URLs are written as http://RECEIVER, to be pointed at a live receiver when loaded.
 */

import { mkdtempSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import pino from "pino";
import { createUser } from "./packages/server/src/accounts/account-store.js";
import { createOrg } from "./packages/server/src/accounts/org-store.js";
import { createServer } from "./packages/server/src/server.js";

// Tables in an order that satisfies their foreign keys (the order the migrations created them).
const TABLES = [
  "users",
  "tokens",
  "orgs",
  "org_members",
  "webhooks",
  "webhook_watched",
  "events",
  "deliveries",
  "attempts",
  "sessions",
  "recoveries",
  "sandbox_repos",
  "sandbox_files",
  "sandbox_refs",
  "sandbox_discussions",
  "sandbox_discussion_events",
  "sandbox_changes",
  "sandbox_loop_trips",
  "trigger_windows",
  "trigger_buckets",
  "ingest_requests",
  "ingest_event_ids",
  "relay_channels",
  "relay_events",
];

const receiver = createHttpServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(req.url === "/down" ? 503 : 200, { "content-type": "application/json" });
    res.end(req.url === "/down" ? '{"error":"down"}' : '{"ok":true}');
  });
});
await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
const file = join(mkdtempSync(join(tmpdir(), "v010-")), "hubhooks.db");
const server = await createServer({
  database: file,
  logger: pino({ level: "silent" }),
  // One retry an hour later: the failed deliveries stay pending when the server stops.
  delivery: {
    allowPrivateTargets: true,
    pollIntervalMs: 50,
    retrySchedule: [3_600_000],
    apiRateLimit: { perMinute: 0, publishers: false },
  },
});
const alice = await createUser(server.db, "alice");
const bob = await createUser(server.db, "bob");
const hub = await createUser(server.db, "hub", { publisher: true });
await createOrg(server.db, "acme", ["alice"]);
const call = async (token: string, method: string, path: string, body?: unknown) => {
  const res = await server.app.request(path, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<any>;
};
const webhook = async (token: string, body: object) =>
  (await call(token, "POST", "/api/settings/webhooks", body)).webhook;
const w1 = await webhook(alice.token, {
  url: `${origin}/ok`,
  watched: [{ type: "user", name: "alice" }],
  secret: "alice-secret",
});
const w2 = await webhook(alice.token, {
  url: `${origin}/down`,
  watched: [{ type: "org", name: "acme" }],
  domains: ["repo"],
});
await call(alice.token, "POST", `/api/settings/webhooks/${w2.id}/signing-secret`);
const w3 = await webhook(bob.token, { url: `${origin}/ok`, watched: [{ type: "model", name: "alice/model-a" }] });
await call(bob.token, "POST", `/api/settings/webhooks/${w3.id}/disable`);
const repo = (name: string, type = "model") => ({
  type,
  name,
  id: `${"0".repeat(23)}1`,
  private: false,
  headSha: "a".repeat(40),
});
await call(hub.token, "POST", "/api/events", [
  {
    event: { scope: "repo.content", action: "update" },
    repo: repo("alice/model-a"),
    updatedRefs: [{ ref: "refs/heads/main", oldSha: null, newSha: "a".repeat(40) }],
  },
  { event: { scope: "repo", action: "create" }, repo: repo("acme/data", "dataset") },
  { event: { scope: "repo.content", action: "update" }, repo: repo("acme/data", "dataset") },
]);
server.worker.start();
const rows = (sql: string) => new SQLite(file, { readonly: true }).prepare(sql).all() as any[];
for (let i = 0; ; i++) {
  const open = rows("select status, attempts from deliveries");
  if (open.length === 3 && open.every((d) => d.attempts >= 1)) break;
  if (i > 400) throw new Error(`deliveries did not settle: ${JSON.stringify(open)}`);
  await new Promise((resolve) => setTimeout(resolve, 50));
}
await server.close();
receiver.close();
const db = new SQLite(file, { readonly: true });
const tables: Record<string, unknown[]> = {};
for (const table of TABLES) tables[table] = db.prepare(`select * from ${table}`).all();
const migrations = db
  .prepare("select name from kysely_migration order by name")
  .all()
  .map((row: any) => row.name);
const madeAt = Math.floor(Date.now() / 1000) * 1000;
const text = JSON.stringify(
  {
    version: "0.1.0",
    madeAt,
    migrations,
    tokens: { alice: alice.token, bob: bob.token, hub: hub.token },
    webhooks: { w1: w1.id, w2: w2.id, w3: w3.id },
    tables,
  },
  null,
  1,
);
process.stdout.write(`${text.replaceAll(origin, "http://RECEIVER")}\n`);
