#!/usr/bin/env node
import { CliError } from "./cli-error.js";
import { createProgram } from "./program.js";
import { safeText } from "./terminal.js";

try {
  await createProgram().parseAsync(process.argv);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  // Messages quote input, the server's too: never raw control characters on the terminal.
  process.stderr.write(`Error: ${safeText(message)}\n`);
  process.exitCode = error instanceof CliError ? error.exitCode : 1;
}
