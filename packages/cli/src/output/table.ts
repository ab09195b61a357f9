import { createRequire } from "node:module";
import type CliTable from "cli-table3";
import { oneLine } from "../terminal.js";
import { tableWidth } from "./format.js";

const MIN_COLUMN = 8;
// Loaded on the first table only: most commands print none, and every command's start-up time counts.
let Table: typeof CliTable | undefined;
const tableClass = () => {
  Table ??= createRequire(import.meta.url)("cli-table3") as typeof CliTable;
  return Table;
};
const GAP = 2;

/** cli-table3 without borders: columns two spaces apart, like `hf` and `docker ps`. */
const PLAIN_CHARS = {
  top: "",
  "top-mid": "",
  "top-left": "",
  "top-right": "",
  bottom: "",
  "bottom-mid": "",
  "bottom-left": "",
  "bottom-right": "",
  left: "",
  "left-mid": "",
  mid: "",
  "mid-mid": "",
  right: "",
  "right-mid": "",
  middle: " ".repeat(GAP),
};

/** Keeps the start and the end of a long cell: "https://exa…/webhooks/x". */
export function middle(text: string, width: number): string {
  if (text.length <= width) return text;
  const head = Math.ceil((width - 1) / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (width - 1 - head))}`;
}

/**
 * Column widths that fit `maxWidth` (two spaces between columns): the widest of the `shrinkable` columns gives
 * way first, never below 8 characters; other columns keep their width.
 */
export function fitWidths(rows: string[][], shrinkable: number[], maxWidth: number): number[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length))) ?? [];
  const total = () => widths.reduce((sum, width) => sum + width, 0) + GAP * (widths.length - 1);
  while (total() > maxWidth) {
    const [widest, second] = shrinkable
      .filter((c) => (widths[c] ?? 0) > MIN_COLUMN)
      .sort((a, b) => (widths[b] ?? 0) - (widths[a] ?? 0));
    if (widest === undefined) break;
    // Down to the next widest column at most, so long columns share the cut.
    const floor = Math.max(MIN_COLUMN, second === undefined ? 0 : (widths[second] ?? 0) - 1);
    widths[widest] = Math.max(floor, (widths[widest] ?? 0) - (total() - maxWidth));
  }
  return widths;
}

/**
 * An aligned plain table as wide as the terminal (see `tableWidth`); long cells of `shrinkable` columns are cut
 * in the middle only when the table would not fit.
 */
export function formatTable(cells: string[][], shrinkable: number[] = [], maxWidth = tableWidth()): string {
  // Cells hold text from elsewhere: escaped before widths are measured, so the table stays aligned.
  const rows = cells.map((row) => row.map(oneLine));
  const widths = fitWidths(rows, shrinkable, maxWidth);
  const table = new (tableClass())({
    chars: PLAIN_CHARS,
    style: { head: [], border: [], "padding-left": 0, "padding-right": 0, compact: true },
  });
  table.push(...rows.map((row) => row.map((cell, column) => middle(cell, widths[column] ?? cell.length))));
  return table
    .toString()
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n");
}

/** Prints a plain aligned table, like `hf webhooks ls`. */
export function printTable(rows: string[][], shrinkable: number[] = []): void {
  process.stdout.write(`${formatTable(rows, shrinkable)}\n`);
}
