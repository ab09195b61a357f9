import { createInterface } from "node:readline/promises";
import { CliError } from "../../cli-error.js";

/** Asks on a terminal; refuses outright when stdin is not one (scripts must pass --yes). */
export async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) {
    throw new CliError("refusing to delete without --yes: stdin is not a terminal to confirm on");
  }
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}
