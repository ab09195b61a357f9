import type { EventInput } from "@hubhooks/schemas";
import type { Kysely } from "kysely";
import type { Account } from "../core/account.js";
import type { ServerDeps } from "../core/deps.js";
import { type RecordedEvent, withEvents } from "../events/ingest.js";
import type { Database } from "../store/schema.js";
import { holdLoopingDeliveries } from "./loop-guard.js";

/** A sandbox change in the making: its writes go through `trx`, and `fire` records its events in the same. */
export interface SandboxChange {
  trx: Kysely<Database>;
  /** Records what the Hub would fire for the change, with the acting user as the publisher (the default author). */
  fire(inputs: EventInput[]): Promise<void>;
}

/**
 * Makes a change and fires its events in one transaction, so neither commits without the other; the workers are
 * woken after the commit. In the same transaction, the loop guard holds back the deliveries of webhooks whose
 * receivers look like they answer their own events (it never refuses the change). Errors thrown by `change` (HTTP
 * errors included) roll everything back.
 */
export async function guarded<T>(
  deps: ServerDeps,
  actor: Account,
  change: (tx: SandboxChange) => Promise<T>,
): Promise<T> {
  const result = await withEvents(deps, async (tx) => {
    const recorded: RecordedEvent[] = [];
    const done = await change({
      trx: tx.trx,
      fire: async (inputs) => {
        recorded.push(...(await tx.record(inputs, actor.id)));
      },
    });
    await holdLoopingDeliveries(tx.trx, actor, recorded, deps.config.loopGuardPerMinute);
    return done;
  });
  deps.metrics.sandboxChange();
  return result;
}
