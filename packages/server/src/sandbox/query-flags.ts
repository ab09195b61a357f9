/** A boolean query parameter as clients send it: `true` / `True` (requests) / `1`; anything else is false. */
export function flag(value: string | undefined): boolean {
  return value !== undefined && ["true", "1"].includes(value.toLowerCase());
}
