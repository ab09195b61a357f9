import { readFileSync } from "node:fs";
import type { Kysely } from "kysely";

export interface V010Fixture {
  madeAt: number;
  migrations: string[];
  tokens: Record<"alice" | "bob" | "hub", string>;
  webhooks: Record<"w1" | "w2" | "w3", string>;
  tables: Record<string, Array<Record<string, unknown>>>;
}

export const fixture = JSON.parse(readFileSync(new URL("./data.json", import.meta.url), "utf8")) as V010Fixture;

// Epoch-millisecond columns, and the trigger counts' seconds: moved together so the data is as recent as needed.
const isMs = (column: string) => /_at$|_since$|^since$|^until$/.test(column);
const isSeconds = (column: string) => column === "bucket" || column === "first_bucket";

/**
 * Writes the rows hubhooks v0.1.0 left in its database (data.json, made by make-fixture.ts) into a database with
 * v0.1.0's schema: receiver URLs pointed at `receiver`, every time moved by `shiftMs` (a whole number of seconds).
 */
export async function loadV010Data(db: Kysely<any>, receiver: string, shiftMs: number): Promise<void> {
  for (const [table, rows] of Object.entries(fixture.tables)) {
    if (rows.length === 0) continue;
    const moved = rows.map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([column, value]) => {
          if (typeof value === "string") return [column, value.replaceAll("http://RECEIVER", receiver)];
          if (typeof value !== "number") return [column, value];
          if (isMs(column)) return [column, value + shiftMs];
          if (isSeconds(column)) return [column, value + shiftMs / 1000];
          return [column, value];
        }),
      ),
    );
    await db.insertInto(table).values(moved).execute();
  }
}
