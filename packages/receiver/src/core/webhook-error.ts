/** An error that carries the HTTP status the receiver answers with. */
export class WebhookError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "WebhookError";
  }
}
