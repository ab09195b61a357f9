import type { ServerDeps } from "../core/deps.js";
import { finishUnsent, loadTargets, releaseLeases, type WebhookTarget } from "./delivery-store.js";
import { type Job, recheckJob } from "./job.js";

/** A job queued behind its origin longer than this starts with its webhook as it is then, not as claimed. */
export const RECHECK_AFTER_MS = 1_000;
export const DISABLED = "webhook disabled: retries stopped";

/**
 * Reads a queued job's webhook again before it is sent: disabled meanwhile, its delivery is cancelled; deleted,
 * it is dropped; moved to another origin, its lease is released so it is claimed for that one. True when the job
 * is to be sent now (to the URL and secret of now); false when it was handed back and its slot is free. `read`
 * is called once the webhook is read, before anything is written.
 */
export async function recheckQueued(
  { db, dialect, logger, metrics }: ServerDeps,
  job: Job,
  read: () => void,
): Promise<boolean> {
  let target: WebhookTarget | undefined;
  try {
    target = (await loadTargets(db, dialect, [job.delivery.webhookId])).get(job.delivery.webhookId);
  } catch (error) {
    logger.error({ err: error }, "could not read a queued delivery's webhook; sending it as claimed");
    target = { url: job.url, secret: job.secret, signingSecrets: job.signingSecrets, disabled: false };
  }
  read();
  const now = recheckJob(job, target);
  if (now === "send") return true;
  if (now === "cancel") metrics.delivery("cancelled");
  const unsent =
    now === "cancel"
      ? finishUnsent(db, dialect, [job.delivery], { status: "cancelled", reason: DISABLED })
      : now === "reclaim"
        ? releaseLeases(db, dialect, [job.delivery])
        : Promise.resolve();
  await unsent.catch((error: unknown) => logger.error({ err: error }, "could not hand back a queued delivery"));
  return false;
}
