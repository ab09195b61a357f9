import { oneLine, safeText } from "../terminal.js";
import { type OutputFlags, outputFormat } from "./format.js";

/** JSON for scripts: not escaped (JSON.stringify already escapes every control character). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Prints what a command did in the format asked for: `json` (the object), `quiet` (one value, such as the id a
 * script passes on next) or `table` (the sentence for a person). Text is made safe for the terminal.
 */
export function printResult(options: OutputFlags, result: { json: unknown; quiet: string; table: string }): void {
  const format = outputFormat(options);
  if (format === "json") printJson(result.json);
  else if (format === "quiet") process.stdout.write(`${oneLine(result.quiet)}\n`);
  else process.stdout.write(`${safeText(result.table)}\n`);
}

/** The quiet form of a list: one id (or name) a line, nothing at all for an empty list. */
export function printLines(values: string[]): void {
  for (const value of values) process.stdout.write(`${oneLine(value)}\n`);
}
