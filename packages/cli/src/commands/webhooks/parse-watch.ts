import { type Domain, formatIssues, WATCHED_TYPES, type WatchedItem, WatchedItemSchema } from "@hubhooks/schemas";
import { InvalidArgumentError } from "commander";

/** `--watch type:name` (split on the first ":"), validated like the server does. */
export function parseWatch(value: string, previous: WatchedItem[] = []): WatchedItem[] {
  const colon = value.indexOf(":");
  if (colon <= 0) {
    throw new InvalidArgumentError(`expected type:name with type one of ${WATCHED_TYPES.join(", ")}, got "${value}"`);
  }
  const result = WatchedItemSchema.safeParse({ type: value.slice(0, colon), name: value.slice(colon + 1) });
  if (!result.success) throw new InvalidArgumentError(formatIssues(result.error));
  return [...previous, result.data];
}

export function parseDomain(value: string, previous: Domain[] = []): Domain[] {
  if (value !== "repo" && value !== "discussion" && value !== "discussions") {
    throw new InvalidArgumentError('expected "repo" or "discussion"');
  }
  const domain: Domain = value === "repo" ? "repo" : "discussion";
  return previous.includes(domain) ? previous : [...previous, domain];
}
