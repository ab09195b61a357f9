import { deliveryBody } from "../core/delivery-body.js";
import type { ClaimedDelivery, WebhookTarget } from "./delivery-store.js";

/** A claimed delivery ready to send: its body, and its webhook's URL and secrets as read at `readAt`. */
export interface Job {
  delivery: ClaimedDelivery;
  url: string;
  secret: string | null;
  signingSecrets: string[];
  origin: string;
  body: string;
  /** When its webhook was read: a job that waits for its origin reads it again before it starts. */
  readAt: number;
}

export function originOf(url: string): string {
  // A job webhook's target (`job:<id>`) is no origin: each source job is its own queue.
  if (url.startsWith("job:")) return url;
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/**
 * Turns a claim into jobs, its webhooks as read at `readAt` (taken before the read: a job must not look fresher
 * than what it holds when a slow load of payloads followed). Deliveries of deleted webhooks are left out (they went with it); those of disabled
 * webhooks, and those whose body cannot be built (their event's payload is gone), are returned apart to finish.
 */
export function jobsOf(
  claimed: ClaimedDelivery[],
  targets: Map<string, WebhookTarget>,
  payloads: Map<string, string>,
  readAt: number,
): { jobs: Job[]; disabled: ClaimedDelivery[]; unbuildable: ClaimedDelivery[] } {
  const jobs: Job[] = [];
  const disabled: ClaimedDelivery[] = [];
  const unbuildable: ClaimedDelivery[] = [];
  for (const delivery of claimed) {
    const target = targets.get(delivery.webhookId);
    if (!target) continue;
    if (target.disabled) {
      disabled.push(delivery);
      continue;
    }
    let body: string;
    try {
      body = deliveryBody(delivery.payload, payloads.get(delivery.eventId), delivery.webhookId);
    } catch {
      unbuildable.push(delivery);
      continue;
    }
    const { url, secret, signingSecrets } = target;
    jobs.push({ delivery, url, secret, signingSecrets, origin: originOf(url), body, readAt });
  }
  return { jobs, disabled, unbuildable };
}

/**
 * What to do with a job that waited, given its webhook as it is now: send it (to the current URL and secrets,
 * updated in place), cancel it (disabled meanwhile), drop it (deleted), or hand it back to be claimed for the
 * webhook's new origin.
 */
export function recheckJob(job: Job, now: WebhookTarget | undefined): "send" | "cancel" | "drop" | "reclaim" {
  if (!now) return "drop";
  if (now.disabled) return "cancel";
  if (originOf(now.url) !== job.origin) return "reclaim";
  Object.assign(job, { url: now.url, secret: now.secret, signingSecrets: now.signingSecrets });
  return "send";
}
