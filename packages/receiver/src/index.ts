export type {
  WebhookPayload,
  WebhookPayloadComment,
  WebhookPayloadDiscussion,
  WebhookPayloadEvent,
  WebhookPayloadMovedTo,
  WebhookPayloadRepo,
  WebhookPayloadUpdatedRef,
  WebhookPayloadUrl,
  WebhookPayloadWebhook,
} from "@hubhooks/schemas";
export { WebhookPayloadSchema } from "@hubhooks/schemas";
export { LaunchError, type LaunchedServer, type LaunchOptions } from "./adapters/launch.js";
export { createNodeMiddleware } from "./adapters/node-middleware.js";
export { dispatchTargets } from "./core/dispatch.js";
export { customEvent, KNOWN_EVENT_NAMES } from "./core/event-names.js";
export type {
  ContextFor,
  CustomEventName,
  EventHandler,
  KnownEventName,
  PayloadFor,
} from "./core/event-types.js";
export type { CustomUi, LandingInfo, ReceiverLogger, WebhookContext, WebhookHandler } from "./core/types.js";
export { verifySecret } from "./core/verify-secret.js";
export { SIGNATURE_TOLERANCE_SECONDS, verifySignature } from "./core/verify-signature.js";
export { WebhookError } from "./core/webhook-error.js";
export { type Endpoint, getSharedServer, webhookEndpoint } from "./webhook-endpoint.js";
export { WebhooksServer, type WebhooksServerOptions } from "./webhooks-server.js";
