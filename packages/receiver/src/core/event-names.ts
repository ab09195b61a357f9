import { KNOWN_SCOPES } from "@hubhooks/schemas";
import type { CustomEventName } from "./event-types.js";

/** The actions the Hub documents for each scope (reference §5.2). */
export const SCOPE_ACTIONS = {
  repo: ["create", "delete", "update", "move"],
  "repo.content": ["update"],
  "repo.config": ["update"],
  discussion: ["create", "delete", "update"],
  "discussion.comment": ["create", "update"],
} as const satisfies Record<(typeof KNOWN_SCOPES)[number], readonly string[]>;

export const KNOWN_EVENT_NAMES: readonly string[] = [
  "*",
  ...KNOWN_SCOPES,
  ...KNOWN_SCOPES.flatMap((scope) => SCOPE_ACTIONS[scope].map((action) => `${scope}.${action}`)),
];

const ROOTS = new Set(KNOWN_SCOPES.map((scope) => scope.split(".")[0]));

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * Why `on(name)` will probably never fire, or undefined when the name is known or plausible (a narrower scope the
 * Hub may add, as "repo.config.dois"). A name a letter or two from a known one is a typo; a name outside the
 * `repo` and `discussion` scopes matches nothing the Hub sends.
 */
export function unlikelyEventName(name: string): string | undefined {
  if (KNOWN_EVENT_NAMES.includes(name)) return undefined;
  const near = KNOWN_EVENT_NAMES.filter((known) => known !== "*" && distance(name, known) <= 2);
  if (near.length > 0)
    return `on("${name}") matches no Hub event: did you mean ${near.map((n) => `"${n}"`).join(" or ")}?`;
  if (!ROOTS.has(name.split(".")[0] ?? "")) {
    return `on("${name}") matches no Hub event: names are "*", a scope (${KNOWN_SCOPES.join(", ")}) or "scope.action"`;
  }
  return undefined;
}

/** The escape hatch of `on()` for a scope the Hub adds after this version: `on(customEvent("repo.config.dois"), …)`. */
export function customEvent(name: string): CustomEventName {
  return name as CustomEventName;
}
