/** The warning shown from 50 %, 75 % and 90 % of the window on, or undefined. */
export function failureWarning(
  failingSince: number | null,
  disableAfterMs: number,
  now = Date.now(),
): string | undefined {
  if (failingSince === null) return undefined;
  const share = (now - failingSince) / disableAfterMs;
  const level = [0.9, 0.75, 0.5].find((threshold) => share >= threshold);
  if (level === undefined) return undefined;
  const disableAt = new Date(failingSince + disableAfterMs).toISOString();
  return `every delivery has failed since ${new Date(failingSince).toISOString()} (${level * 100} % of the window): the webhook will be disabled at ${disableAt} unless a delivery succeeds`;
}

/** "5 days", "3 h", "2 min", "2 s": how long the failing window is, in words. */
export function humanDuration(ms: number): string {
  const units: Array<[number, string]> = [
    [86_400_000, " days"],
    [3_600_000, " h"],
    [60_000, " min"],
  ];
  for (const [size, name] of units) if (ms >= size) return `${Math.round((ms / size) * 10) / 10}${name}`;
  return `${Math.round(ms / 1000)} s`;
}
