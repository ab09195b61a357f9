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

export function openPostgres(connectionString: string): Kysely<Database> {
  const pool = new pg.Pool({ connectionString, max: 10, types });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
