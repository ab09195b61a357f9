import { renameSync, rmSync, statSync } from "node:fs";
import SQLite from "better-sqlite3";

export interface BackupResult {
  bytes: number;
  /** Rows of the main tables in the copy, read back from it. */
  rows: { webhooks: number; deliveries: number; pending: number; users: number };
}

// All remaining pages in one step: the copy then reads one snapshot of the database. WAL lets the server go on
// writing meanwhile; in small steps, each write of the server between two steps would restart the copy, and a
// busy server could keep it restarting.
const ALL_PAGES = 0x7fffffff;

/**
 * Copies a SQLite database that a running server may be writing to `target`, with SQLite's online backup API
 * (better-sqlite3's `backup`), checks the copy's integrity and counts its rows. The copy is written beside the
 * target and renamed only once complete, so a failed backup never leaves a partial file under the target's name.
 */
export async function backupSqlite(source: string, target: string): Promise<BackupResult> {
  const partial = `${target}.partial`;
  // Not read-only: a WAL database opened read-only fails where its -shm file is missing (no server running).
  const from = new SQLite(source, { fileMustExist: true });
  try {
    from.pragma("busy_timeout = 5000");
    rmSync(partial, { force: true });
    await from.backup(partial, { progress: () => ALL_PAGES });
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    from.close();
  }
  const copy = new SQLite(partial, { fileMustExist: true });
  try {
    const check = copy.pragma("integrity_check", { simple: true });
    if (check !== "ok") throw new Error(`the copy failed its integrity check: ${String(check)}`);
    const count = (query: string) => (copy.prepare(query).get() as { n: number }).n;
    const rows = {
      users: count("select count(*) as n from users"),
      webhooks: count("select count(*) as n from webhooks"),
      deliveries: count("select count(*) as n from deliveries"),
      pending: count("select count(*) as n from deliveries where status = 'pending'"),
    };
    // A standalone file: the copy's own WAL folded in, so the one file is the whole backup.
    copy.pragma("wal_checkpoint(TRUNCATE)");
    copy.close();
    renameSync(partial, target);
    return { bytes: statSync(target).size, rows };
  } catch (error) {
    if (copy.open) copy.close();
    rmSync(partial, { force: true });
    throw error;
  }
}
