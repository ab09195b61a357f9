import { oneLine } from "./terminal.js";

/** Tables fit this many columns: a terminal's default, and what the README promises. */
export const TABLE_WIDTH = 100;
const MIN_COLUMN = 8;

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
export function fitWidths(rows: string[][], shrinkable: number[], maxWidth = TABLE_WIDTH): number[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length))) ?? [];
  const total = () => widths.reduce((sum, width) => sum + width, 0) + 2 * (widths.length - 1);
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

/** An aligned plain table that fits 100 columns, long cells of `shrinkable` columns cut in the middle. */
export function formatTable(cells: string[][], shrinkable: number[] = []): string {
  // Cells hold text from elsewhere: escaped before widths are measured, so the table stays aligned.
  const rows = cells.map((row) => row.map(oneLine));
  const widths = fitWidths(rows, shrinkable);
  return rows
    .map((row) =>
      row
        .map((cell, column) => middle(cell, widths[column] ?? cell.length).padEnd(widths[column] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
