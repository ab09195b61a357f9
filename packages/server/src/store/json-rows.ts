import { type RawBuilder, sql } from "kysely";
import type { DialectName } from "./open-database.js";

export type ColumnType = "text" | "bigint" | "integer";

/**
 * A table expression of `rows`, sent as one JSON parameter: bulk inserts and updates become one statement with
 * constant SQL text (prepared once), whatever the batch size, and stay far from bound-parameter limits.
 */
export function jsonRows<Row extends Record<string, unknown>>(
  dialect: DialectName,
  columns: Record<keyof Row & string, ColumnType>,
  rows: Row[],
): RawBuilder<Row> {
  const json = JSON.stringify(rows);
  const names = Object.keys(columns);
  if (dialect === "postgres") {
    const definition = names.map((name) => `${name} ${columns[name as keyof Row & string]}`).join(", ");
    return sql<Row>`(select * from json_to_recordset(${json}::json) as r(${sql.raw(definition)}))`;
  }
  const selected = names.map((name) => `value ->> '${name}' as ${name}`).join(", ");
  return sql<Row>`(select ${sql.raw(selected)} from json_each(${json}))`;
}

/** A JSON array parameter read as a one-column set of values, for `id in (…)` of any length. */
export function jsonValues(dialect: DialectName, values: string[]): RawBuilder<string> {
  const json = JSON.stringify(values);
  return dialect === "postgres"
    ? sql<string>`(select json_array_elements_text(${json}::json))`
    : sql<string>`(select value from json_each(${json}))`;
}
