/** What became of an attempt made by other means than a POST (the same shape as the sender's outcome). */
export interface HandoffOutcome {
  ok: boolean;
  statusCode: number | null;
  responseHeaders: Record<string, string>;
  responseBody: string;
  error: string | null;
  startedAt: number;
  durationMs: number;
}

/**
 * Takes a webhook's attempts instead of the sender while something else should receive them: `hubhooks listen
 * --webhook` (the relay), or a Job the webhook starts. The worker asks before each attempt; retries, limits and the log stay the worker's.
 */
export interface DeliveryHandoff {
  /** Where the webhook's attempts go now instead of its URL, as the attempt log names it; undefined: to the URL. */
  takes(webhookId: string, url: string): string | undefined;
  /** Never rejects: a failure is an outcome, recorded and retried as any other. */
  send(
    webhookId: string,
    deliveryId: string,
    headers: Record<string, string>,
    body: string,
    url: string,
  ): Promise<HandoffOutcome>;
  close(): void;
}
