import type { WebhookPayload } from "@hubhooks/schemas";

export interface WebhookContext {
  /** The incoming request; its body has already been read. */
  request: Request;
  headers: Headers;
  /** `X-Webhook-Delivery` when the sender provides one (hubhooks does): use it to de-duplicate. */
  deliveryId: string | undefined;
  /** The route that received the delivery, e.g. "/webhooks/trigger_training". */
  path: string;
  /** The event as dispatched: for an unknown narrower scope, the broader known scope with action "update". */
  event: { scope: string; action: string };
}

export type WebhookHandler = (payload: WebhookPayload, context: WebhookContext) => unknown;

/** Anything with a fetch handler (a hono app, for example) or a function returning the landing page's HTML. */
export type CustomUi =
  | ((request: Request) => string | Promise<string>)
  | { fetch(request: Request): Response | Promise<Response> };

export interface ReceiverLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}
