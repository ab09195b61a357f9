import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "./schema.js";

const INT8_OID = 20;

// Epoch-millisecond columns are bigint; they fit a JS number exactly, so read them as numbers (pg's default is
// a string, which would make rows differ from SQLite's).
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8_OID && format !== "binary"
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * A pool whose idle connections may be lost at any time (PostgreSQL restarted, a connection killed, a failover):
 * pg-pool drops such a client and the next query opens a new one, but it also emits the error on the pool, and
 * Node ends the process on an 'error' event nobody listens to. So it is heard here (and logged by `onIdleError`).
 */
export function openPostgres(
  connectionString: string,
  onIdleError: (error: Error) => void = () => {},
): Kysely<Database> {
  const pool = new pg.Pool({ connectionString, max: 10, types });
  // A connection that PostgreSQL closes (a restart, a failover) emits "error": on the pool while idle, on the
  // client itself while checked out (pg-pool listens only to idle ones). Unheard, either ends the process. The
  // query in flight fails on its own, the pool drops the connection, the next query opens a fresh one, and /ready
  // reports the outage meanwhile.
  pool.on("error", onIdleError);
  pool.on("connect", (client) => client.on("error", () => {}));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
