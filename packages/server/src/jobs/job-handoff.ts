import type { DeliveryHandoff, HandoffOutcome } from "../core/delivery-handoff.js";
import type { ServerDeps } from "../core/deps.js";
import { CapReachedError } from "../core/errors.js";
import { parseStoredSpec, sourceJobOf } from "../core/job-spec.js";
import { NO_RUNNER_MESSAGE, startJob } from "./start-job.js";

/**
 * A job webhook's deliveries start a Job instead of a POST: a clone of the source job's spec with the delivery in
 * its environment (`WEBHOOK_PAYLOAD` — the body a URL webhook would get —, `WEBHOOK_REPO_ID`, `WEBHOOK_REPO_TYPE`,
 * and `WEBHOOK_SECRET` as a secret). The attempt succeeds once the job is recorded for a runner, and its answer
 * names the job; it fails (and is retried as any attempt) when no runner is enabled, the source job is gone, or
 * the namespace has all the jobs it may. Every other webhook goes to the next hand-off.
 */
export class JobHandoff implements DeliveryHandoff {
  readonly #deps: ServerDeps;
  readonly #next: DeliveryHandoff;

  constructor(deps: ServerDeps, next: DeliveryHandoff) {
    this.#deps = deps;
    this.#next = next;
  }

  takes(webhookId: string, url: string): string | undefined {
    const source = sourceJobOf(url);
    return source ? `job (a clone of job ${source})` : this.#next.takes(webhookId, url);
  }

  async send(
    webhookId: string,
    deliveryId: string,
    headers: Record<string, string>,
    body: string,
    url: string,
  ): Promise<HandoffOutcome> {
    const sourceId = sourceJobOf(url);
    if (!sourceId) return this.#next.send(webhookId, deliveryId, headers, body, url);
    const startedAt = Date.now();
    const answer = (ok: boolean, error: string | null, responseBody = ""): HandoffOutcome => ({
      ok,
      statusCode: null,
      responseHeaders: {},
      responseBody,
      error,
      startedAt,
      durationMs: Date.now() - startedAt,
    });
    const { db, config, logger } = this.#deps;
    if (config.jobs.runner === "none") return answer(false, NO_RUNNER_MESSAGE);
    try {
      const source = await db.selectFrom("jobs").selectAll().where("id", "=", sourceId).executeTakeFirst();
      const webhook = await db.selectFrom("webhooks").select("owner_id").where("id", "=", webhookId).executeTakeFirst();
      if (!source || !webhook) return answer(false, `the source job ${sourceId} is gone: no job was started`);
      const spec = parseStoredSpec(source.spec);
      const repo = (JSON.parse(body) as { repo?: { name?: unknown; type?: unknown } }).repo;
      const secret = headers["x-webhook-secret"];
      const job = await startJob(this.#deps, {
        namespace: { id: source.owner_id, name: source.owner_name, type: source.owner_type as "user" | "org" },
        createdBy: webhook.owner_id,
        spec: {
          ...spec,
          environment: {
            ...spec.environment,
            WEBHOOK_PAYLOAD: body,
            WEBHOOK_REPO_ID: typeof repo?.name === "string" ? repo.name : "",
            WEBHOOK_REPO_TYPE: typeof repo?.type === "string" ? repo.type : "",
          },
          secrets: { ...spec.secrets, ...(secret ? { WEBHOOK_SECRET: secret } : {}) },
        },
        labels: source.labels ? JSON.parse(source.labels) : null,
        initiator: { type: "webhook", id: webhookId },
        delivery: { id: deliveryId, attempt: attemptOf(headers) },
      });
      const started = { job: { id: job.id, namespace: job.owner_name, stage: job.stage } };
      return answer(true, null, JSON.stringify(started));
    } catch (error) {
      if (error instanceof CapReachedError) return answer(false, error.message);
      logger.error({ err: error, delivery: deliveryId }, "could not start a webhook's job");
      return answer(false, `could not start the job: ${(error as Error).message ?? error}`);
    }
  }

  close(): void {
    this.#next.close();
  }
}

/**
 * The attempt number the worker and replay put in every delivery's headers: a retry of an attempt whose outcome
 * was never recorded (its worker died) carries the same number, a later attempt or a replay the next one.
 */
function attemptOf(headers: Record<string, string>): number {
  const attempt = Number(headers["x-webhook-attempt"]);
  return Number.isSafeInteger(attempt) ? attempt : 0;
}
