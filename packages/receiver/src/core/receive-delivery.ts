import { checkSecret } from "./check-secret.js";
import { dispatchTargets } from "./dispatch.js";
import type { IncomingDelivery } from "./incoming.js";
import { parseJson } from "./parse-json.js";
import { parsePayload } from "./parse-payload.js";
import type { ReceiverLogger, WebhookContext, WebhookHandler } from "./types.js";
import { verifySignature } from "./verify-signature.js";
import { WebhookError } from "./webhook-error.js";

export interface DeliveryOptions {
  secret: string | undefined;
  /** Standard Webhooks signing secret (`whsec_…`): signatures are required and checked when set. */
  signingSecret: string | undefined;
  maxBodyBytes: number;
  logger: ReceiverLogger;
  /** Handlers registered with `on(name)`, by event name. */
  listeners: ReadonlyMap<string, readonly WebhookHandler[]>;
}

/** The answer to a delivery: JSON with a status, or whatever `Response` a handler returned. */
export type DeliveryAnswer = { status: number; json: unknown } | Response;

function errorAnswer(error: unknown, logger: ReceiverLogger): DeliveryAnswer {
  const status = (error as { status?: unknown })?.status;
  if (typeof status === "number" && status >= 400 && status < 600) {
    if (status >= 500) logger.error("webhook handler failed", error);
    const message = status < 500 && error instanceof Error ? error.message : "Internal server error.";
    const details = error instanceof WebhookError ? error.details : undefined;
    return { status, json: { error: message, ...details } };
  }
  logger.error("webhook handler failed", error);
  return { status: 500, json: { error: "Internal server error." } };
}

/** A handler's context; `request` and `headers` are built only if the handler reads them. */
function contextOf(incoming: IncomingDelivery, event: { scope: string; action: string }): WebhookContext {
  let request: Request | undefined;
  const getRequest = () => {
    request ??= incoming.toRequest();
    return request;
  };
  return {
    get request() {
      return getRequest();
    },
    get headers() {
      return getRequest().headers;
    },
    deliveryId: incoming.header("x-webhook-delivery"),
    path: incoming.path,
    event,
  };
}

/**
 * The transport-agnostic pipeline for one POST to a webhook route: secret (from the headers, before any byte of
 * the body) → size cap → JSON → payload validation → `on()` listeners → the route's handler.
 */
export async function receiveDelivery(
  incoming: IncomingDelivery,
  handler: WebhookHandler | undefined,
  options: DeliveryOptions,
): Promise<DeliveryAnswer> {
  try {
    checkSecret(incoming, options.secret);
    const body = await incoming.readBody(options.maxBodyBytes);
    if (options.signingSecret) await verifySignature(incoming, body, options.signingSecret);
    const payload = parsePayload(parseJson(body));
    if (options.listeners.size > 0) {
      for (const target of dispatchTargets(payload.event.scope, payload.event.action)) {
        for (const listener of options.listeners.get(target.name) ?? []) {
          await listener(payload, contextOf(incoming, { scope: target.scope, action: target.action }));
        }
      }
    }
    if (!handler) return { status: 200, json: { ok: true } };
    const value = await handler(payload, contextOf(incoming, { ...payload.event }));
    return value instanceof Response ? value : { status: 200, json: value ?? null };
  } catch (error) {
    return errorAnswer(error, options.logger);
  }
}
