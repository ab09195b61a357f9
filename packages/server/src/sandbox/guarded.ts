import type { Account } from "../core/account.js";
import type { ServerDeps } from "../core/deps.js";
import { checkLoopGuard, recordChange } from "./loop-guard.js";

/** Makes a change through the loop guard: refused (429) while the actor's webhooks loop, counted once made. */
export async function guarded<T>(deps: ServerDeps, actor: Account, change: () => Promise<T>): Promise<T> {
  const causedBy = await checkLoopGuard(deps.db, actor, deps.config.loopGuardPerMinute);
  const result = await change();
  await recordChange(deps.db, actor, causedBy);
  return result;
}
