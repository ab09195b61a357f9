/** The median of runs with their spread, as the bench table prints it. */
export function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor((sorted.length - 1) / 2)], min: sorted[0], max: sorted.at(-1), runs: values };
}

export function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function progress(message) {
  process.stderr.write(`  … ${message}\n`);
}
