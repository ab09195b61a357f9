/** `npm run faults` sets FAULTS_FULL=1 for the audit's full counts; `npm test` runs the same suites smaller. */
export const FULL = process.env.FAULTS_FULL === "1";

export function count(full: number, ci: number): number {
  return FULL ? full : ci;
}

/** One summary line per suite, printed where `npm test` and `npm run faults` show it. */
export function report(line: string): void {
  process.stdout.write(`[faults] ${line}\n`);
}
