import { type Command, InvalidArgumentError, Option } from "commander";

/**
 * One output rule for every command (like `hf … --format`, `gh … --json`): `--format table|json|quiet`, with
 * `--json` and `-q`/`--quiet` as short forms, and `--no-truncate` for tables. New commands call
 * `addOutputOptions(command)` and read `outputFormat(options)`; the table width is set once for the whole program
 * by `useOutputOptions(program)`.
 */
export const OUTPUT_FORMATS = ["table", "json", "quiet"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface OutputFlags {
  format?: string;
  json?: boolean;
  quiet?: boolean;
  truncate?: boolean;
}

function parseFormat(value: string): OutputFormat {
  // "text" was the name of the human format on some commands before one rule existed: scripts keep working.
  if (value === "text") return "table";
  if ((OUTPUT_FORMATS as readonly string[]).includes(value)) return value as OutputFormat;
  throw new InvalidArgumentError(`Allowed choices are ${OUTPUT_FORMATS.join(", ")}.`);
}

/**
 * Adds `--format`, `--json`, `-q/--quiet` and `--no-truncate`. `quiet` says what the quiet format prints (one
 * value a line, for scripts: ids, names, a token).
 */
export function addOutputOptions(command: Command, quiet = "ids only, one a line"): Command {
  return command
    .addOption(
      new Option("--format <format>", `output format: table, json, or quiet (${quiet})`)
        .argParser(parseFormat)
        .default("table"),
    )
    .addOption(new Option("--json", "same as --format json"))
    .addOption(new Option("-q, --quiet", "same as --format quiet"))
    .addOption(new Option("--no-truncate", "print table cells whole, whatever the terminal width"));
}

/** The format asked for: `--json` or `-q` win over `--format`. */
export function outputFormat(options: OutputFlags): OutputFormat {
  if (options.json) return "json";
  if (options.quiet) return "quiet";
  return parseFormat(options.format ?? "table");
}

let truncate = true;

/**
 * How wide a table may be: the terminal's width when stdout is one, unlimited when stdout is a pipe or a file
 * (a script or `grep` gets whole cells) or with `--no-truncate`.
 */
export function tableWidth(stdout: { isTTY?: boolean; columns?: number } = process.stdout): number {
  if (!truncate || !stdout.isTTY) return Number.POSITIVE_INFINITY;
  return stdout.columns && stdout.columns > 0 ? stdout.columns : 80;
}

/** Reads `--no-truncate` of whichever command runs, once, before its action. */
export function useOutputOptions(program: Command): Command {
  return program.hook("preAction", (_program, action) => {
    truncate = (action.opts() as OutputFlags).truncate !== false;
  });
}
