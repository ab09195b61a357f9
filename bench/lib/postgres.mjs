import { readdirSync, readFileSync } from "node:fs";
import pg from "pg";
import { startThrowawayPostgres } from "../../test-support/postgres/start-throwaway-postgres.mjs";
import { pgStatementsFlags } from "./pg-statements.mjs";

const TICKS_PER_SECOND = 100;

/** The fields of /proc/<pid>/stat after the command name (state is [0], ppid [1], utime [11] … cstime [14]). */
function statFields(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined; // exited meanwhile
  }
}

/**
 * CPU seconds the whole PostgreSQL server has used: the postmaster's own and its reaped children's
 * (utime + stime + cutime + cstime: a backend that disconnected is counted there once the postmaster reaped it)
 * plus utime + stime of every live child (backends, WAL writer, checkpointer …). Differences of this over a run
 * are the database's CPU for that run, backends of closed connections included.
 */
function serverCpuSeconds(postmaster) {
  const own = statFields(postmaster);
  if (!own) throw new Error(`PostgreSQL postmaster ${postmaster} is gone`);
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync("/proc")) {
    if (entry.charCodeAt(0) > 57) continue; // not a pid
    const fields = statFields(entry);
    if (fields && Number(fields[1]) === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / TICKS_PER_SECOND;
}

/**
 * A throwaway PostgreSQL with durable commits, as in production. It runs in a child process (the library that
 * starts it would take over this process's exit code).
 */
export async function startPostgres() {
  const server = await startThrowawayPostgres({
    password: "bench",
    flags: ["-c", "max_connections=200", ...pgStatementsFlags],
  });
  const adminUrl = server.url;
  // The postmaster is the parent of any backend.
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const { rows } = await admin.query("SELECT pg_backend_pid() AS pid");
  const postmaster = Number(statFields(rows[0].pid)?.[1]);
  await admin.end();
  if (!(postmaster > 1)) throw new Error("could not find PostgreSQL's postmaster in /proc");
  let n = 0;
  return {
    /** A new empty database's URL. */
    async createDatabase() {
      const name = `bench_${process.pid}_${n++}`;
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`CREATE DATABASE ${name}`);
      await client.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    /** CPU seconds used so far by every process of this PostgreSQL server. */
    cpuSeconds: () => serverCpuSeconds(postmaster),
    stop: () => server.stop(),
  };
}
