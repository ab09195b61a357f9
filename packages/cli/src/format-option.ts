import { Option } from "commander";

/** `--format` with the command's choices (the first is the default), and `--json` as a short form of it. */
export function formatOptions(choices: string[]): Option[] {
  return [
    new Option("--format <format>", "output format").choices(choices).default(choices[0]),
    new Option("--json", "same as --format json").hideHelp(),
  ];
}

/** The format asked for, `--json` included. */
export function formatOf(options: { format?: string; json?: boolean }): string {
  return options.json ? "json" : (options.format ?? "table");
}
