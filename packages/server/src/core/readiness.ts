import { type Kysely, sql } from "kysely";
import { LATEST_MIGRATION } from "../store/migrations/index.js";
import { appliedHead } from "../store/migrator.js";
import type { Database } from "../store/schema.js";

/** What a worker in this process says about itself; `none` where this process delivers nothing. */
export type WorkerState = "none" | "claiming" | "stopped" | "failing";

export interface Readiness {
  ready: boolean;
  checks: { database: string; migrations: string; worker: WorkerState };
  /** Why not ready, in one line. */
  error?: string;
}

/** A database that does not answer within this is as good as unreachable for a load balancer. */
const DATABASE_TIMEOUT_MS = 3_000;

/**
 * Whether this process can do its job now: the database answers, its schema is the one this code migrates to
 * (another release did not move it on), and the worker it runs, if any, is claiming. Liveness is /health's.
 */
export async function checkReadiness(db: Kysely<Database>, worker: WorkerState): Promise<Readiness> {
  let head: string | undefined;
  try {
    head = await withTimeout(
      sql`select 1`.execute(db).then(() => appliedHead(db as Kysely<unknown>)),
      DATABASE_TIMEOUT_MS,
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ready: false,
      checks: { database: "unreachable", migrations: "unknown", worker },
      error: `database unreachable: ${reason}`,
    };
  }
  const migrations = head === LATEST_MIGRATION ? "at head" : `at ${head ?? "none"}, expected ${LATEST_MIGRATION}`;
  const checks = { database: "ok", migrations, worker };
  if (head !== LATEST_MIGRATION) return { ready: false, checks, error: `database schema ${migrations}` };
  if (worker === "stopped" || worker === "failing") {
    return { ready: false, checks, error: `delivery worker ${worker === "stopped" ? "stopped" : "cannot claim"}` };
  }
  return { ready: true, checks };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
