import { type DeliveryAttempt, type DeliveryDetail, eventName, type JobStarted } from "@hubhooks/schemas";
import { oneLine, safeText } from "../terminal.js";

/** "HTTP 500", or why nothing answered; the server's error only when it says more than the status. */
export function attemptAnswer(attempt: Pick<DeliveryAttempt, "statusCode" | "error">): string {
  if (attempt.statusCode === null) return attempt.error ?? "no answer";
  const status = `HTTP ${attempt.statusCode}`;
  return attempt.error && attempt.error !== status ? `${status} (${attempt.error})` : status;
}

/** The Job a job webhook's attempt started, its stage now, and how to read its logs. */
export function startedJobLine(job: JobStarted | null): string {
  if (!job) return "no job started";
  const message = job.message ? ` (${job.message})` : "";
  return `job ${job.id} ${job.stage}${message} · logs: hubhooks jobs logs ${job.id} --namespace ${job.namespace}`;
}

/** `deliveries info` for a person: the delivery, each attempt with the headers it sent, then the payload. */
export function describeDelivery(delivery: DeliveryDetail): string {
  const lines = [`${delivery.id}  ${eventName(delivery)}  ${delivery.repo}  ${delivery.status}`];
  for (const attempt of delivery.attemptLog) {
    lines.push(
      `  #${attempt.attempt} ${attempt.trigger.padEnd(6)} ${attempt.startedAt}  ${attemptAnswer(attempt)}  ${attempt.durationMs} ms  ${attempt.url}`,
    );
    if (attempt.job !== undefined) lines.push(`      ${startedJobLine(attempt.job)}`);
    for (const [name, value] of Object.entries(attempt.requestHeaders)) lines.push(`      ${name}: ${value}`);
  }
  const payload = safeText(JSON.stringify(delivery.payload, null, 2));
  return `${lines.map(oneLine).join("\n")}\npayload:\n${payload}`;
}
