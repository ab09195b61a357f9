import type { EventInput } from "@hubhooks/schemas";
import type { Kysely } from "kysely";
import type { Account } from "../core/account.js";
import type { ServerDeps } from "../core/deps.js";
import { withEvents } from "../events/ingest.js";
import type { Database } from "../store/schema.js";
import { checkLoopGuard, recordChange } from "./loop-guard.js";

/** A sandbox change in the making: its writes go through `trx`, and `fire` records its events in the same. */
export interface SandboxChange {
  trx: Kysely<Database>;
  /** Records what the Hub would fire for the change, with the acting user as the publisher (the default author). */
  fire(inputs: EventInput[]): Promise<void>;
}

/**
 * Makes a change and fires its events in one transaction, so neither commits without the other; the workers are
 * woken after the commit. The loop guard is asked first (refused with 429 while the actor's webhooks loop; a trip is
 * recorded outside the change, so it survives the refusal) and the change is counted against it in the same
 * transaction. Errors thrown by `change` (HTTP errors included) roll everything back.
 */
export async function guarded<T>(
  deps: ServerDeps,
  actor: Account,
  change: (tx: SandboxChange) => Promise<T>,
): Promise<T> {
  const causedBy = await checkLoopGuard(deps.db, actor, deps.config.loopGuardPerMinute);
  const result = await withEvents(deps, async (tx) => {
    const done = await change({
      trx: tx.trx,
      fire: async (inputs) => {
        await tx.record(inputs, actor.id);
      },
    });
    await recordChange(tx.trx, actor, causedBy);
    return done;
  });
  deps.metrics.sandboxChange();
  return result;
}
