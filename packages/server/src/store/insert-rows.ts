import { CompiledQuery, type Kysely, sql } from "kysely";
import { type ColumnType, jsonRows } from "./json-rows.js";
import type { DialectName } from "./open-database.js";
import type { Database } from "./schema.js";

/** Rows per statement on SQLite, largest first: few distinct statements, each prepared once and cached. */
const SQLITE_CHUNKS = [500, 100, 20, 5, 1];

function sqliteInsert(table: string, names: string[], rows: number): string {
  const tuple = `(${names.map(() => "?").join(", ")})`;
  return `insert into "${table}" (${names.join(", ")}) values ${Array.from({ length: rows }, () => tuple).join(", ")}`;
}

/**
 * Inserts many rows with few statements: PostgreSQL takes them as one JSON parameter (one round trip), SQLite
 * as multi-row VALUES of fixed sizes (twice as fast as unpacking JSON there, and within its parameter limit).
 */
export async function insertRows<Row extends Record<string, unknown>>(
  db: Kysely<Database>,
  dialect: DialectName,
  table: keyof Database & string,
  columns: Record<keyof Row & string, ColumnType>,
  rows: Row[],
): Promise<void> {
  if (rows.length === 0) return;
  const names = Object.keys(columns) as Array<keyof Row & string>;
  if (dialect === "postgres") {
    const list = sql.raw(names.join(", "));
    await sql`insert into ${sql.table(table)} (${list}) select ${list} from ${jsonRows(dialect, columns, rows)} as r`.execute(
      db,
    );
    return;
  }
  let offset = 0;
  for (const size of SQLITE_CHUNKS) {
    while (rows.length - offset >= size) {
      const params: unknown[] = [];
      for (const row of rows.slice(offset, offset + size)) for (const name of names) params.push(row[name] ?? null);
      await db.executeQuery(CompiledQuery.raw(sqliteInsert(table, names, size), params));
      offset += size;
    }
  }
}
