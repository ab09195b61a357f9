import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll } from "vitest";
import { createTestDatabase, type TestDatabase, type TestDialect } from "../../../../test-support/databases.js";
import { createUser } from "../accounts/account-store.js";
import type { DeliveryOverrides } from "../core/config.js";
import { createServer, type HubhooksServer } from "../server.js";

export { DIALECTS, type TestDialect } from "../../../../test-support/databases.js";

export interface Harness {
  server: HubhooksServer;
  /** `app.request` with a bearer token and JSON body filled in. */
  call(token: string | undefined, method: string, path: string, body?: unknown): Promise<Response>;
  user(name: string, options?: { publisher?: boolean }): Promise<{ id: string; token: string }>;
}

/** A real server on a fresh database of `dialect` for the enclosing describe block. */
export function useServer(
  dialect: TestDialect,
  options: { delivery?: DeliveryOverrides; worker?: boolean } = {},
): Harness {
  let database: TestDatabase;
  let lfsDir: string;
  const harness = {} as Harness;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    // Each server's LFS objects in a folder of its own (PostgreSQL's default would be ./.hubhooks/lfs).
    lfsDir = await mkdtemp(join(tmpdir(), "hubhooks-lfs-"));
    harness.server = await createServer({
      database: database.location,
      logger: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }), // TEST_LOG_LEVEL=debug to see the worker
      // Suites poll the API far faster than a person: the per-token limit is tested on its own.
      delivery: {
        allowPrivateTargets: true,
        pollIntervalMs: 50,
        apiRateLimit: { perMinute: 0, publishers: false },
        anonymousPerMinute: 0,
        lfsDir,
        ...options.delivery,
      },
    });
    if (options.worker) {
      harness.server.worker.start();
      // The job runner exists only where the test enabled it (jobs.runner: "local"), as in `hubhooks serve`.
      harness.server.jobRunner?.start();
      harness.server.scheduler.start();
    }
  });
  afterAll(async () => {
    await harness.server?.close();
    await database?.drop();
    if (lfsDir) await rm(lfsDir, { recursive: true, force: true });
  });
  harness.call = (token, method, path, body) => {
    const headers: Record<string, string> = {};
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const init: RequestInit = { method, headers };
    if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
    return Promise.resolve(harness.server.app.request(path, init));
  };
  harness.user = async (name, options = {}) => {
    const { account, token } = await createUser(harness.server.db, name, options);
    return { id: account.id, token };
  };
  return harness;
}

/** `T` without its falsy members: what `waitUntil` resolves with, so callers need no non-null assertion. */
export type Truthy<T> = Exclude<T, false | 0 | "" | null | undefined>;

const isTruthy = <T>(value: T): value is Truthy<T> => Boolean(value);

/** Polls `check` until it returns a truthy value (or throws after `timeoutMs`). */
export async function waitUntil<T>(
  check: () => Promise<T> | T,
  timeoutMs = 10_000,
  what = "condition",
): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (isTruthy(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${String(check).slice(0, 200)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
