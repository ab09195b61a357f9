import { eventName, KNOWN_SCOPES } from "@hubhooks/schemas";

/**
 * The event names a delivery is dispatched under. A known scope fires "*", the scope and "scope.action".
 * An unknown narrower scope (e.g. "repo.config.dois" / "create") fires those too, and — following the Hub's
 * forward-compatibility rule — the nearest known broader scope as an "update" ("repo.config", "repo.config.update").
 */
export function dispatchTargets(scope: string, action: string): Array<{ name: string; scope: string; action: string }> {
  const targets = [
    { name: "*", scope, action },
    { name: scope, scope, action },
    { name: eventName({ scope, action }), scope, action },
  ];
  if ((KNOWN_SCOPES as readonly string[]).includes(scope)) return targets;
  const parts = scope.split(".");
  for (let length = parts.length - 1; length > 0; length--) {
    const broader = parts.slice(0, length).join(".");
    if ((KNOWN_SCOPES as readonly string[]).includes(broader)) {
      targets.push(
        { name: broader, scope: broader, action: "update" },
        { name: eventName({ scope: broader, action: "update" }), scope: broader, action: "update" },
      );
      break;
    }
  }
  return targets;
}
