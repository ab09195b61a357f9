import pg from "pg";
import { startThrowawayPostgres } from "../../test-support/postgres/start-throwaway-postgres.mjs";

/**
 * A throwaway PostgreSQL with durable commits, as in production. It runs in a child process (the library that
 * starts it would take over this process's exit code).
 */
export async function startPostgres() {
  const server = await startThrowawayPostgres({ password: "bench", flags: ["-c", "max_connections=200"] });
  const adminUrl = server.url;
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
    stop: () => server.stop(),
  };
}
