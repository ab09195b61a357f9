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

/** What the landing page shows: the default page renders it, a custom `ui` function receives it. */
export interface LandingInfo {
  /** The registered routes, e.g. ["/webhooks/trigger_training"]. */
  paths: readonly string[];
  /** The public base URL once launched (`https://$SPACE_HOST` on a Space), else undefined. */
  url: string | undefined;
  /** Whether deliveries must carry the webhook secret (never the secret itself). */
  secretSet: boolean;
  /** Whether deliveries must carry a valid Standard Webhooks signature. */
  signingSecretSet: boolean;
}

/**
 * The page at `GET /`: an HTML string, a function returning HTML (or a whole `Response`), or anything with a
 * fetch handler (a hono app, for example), which then answers every path outside `/webhooks/`.
 */
export type CustomUi =
  | string
  | ((request: Request, info: LandingInfo) => string | Response | Promise<string | Response>)
  | { fetch(request: Request): Response | Promise<Response> };

export interface ReceiverLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}
