import { dispatchTargets } from "./dispatch.js";
import { parsePayload } from "./parse-payload.js";
import { readJson } from "./read-json.js";
import type { ReceiverLogger, WebhookContext, WebhookHandler } from "./types.js";
import { verifySecret } from "./verify-secret.js";
import { WebhookError } from "./webhook-error.js";

export interface DeliveryOptions {
  secret: string | undefined;
  maxBodyBytes: number;
  logger: ReceiverLogger;
  /** Handlers registered with `on(name)`, by event name. */
  listeners: ReadonlyMap<string, readonly WebhookHandler[]>;
}

export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

function toResponse(value: unknown): Response {
  return value instanceof Response ? value : jsonResponse(200, value ?? null);
}

function errorToResponse(error: unknown, logger: ReceiverLogger): Response {
  const status = (error as { status?: unknown })?.status;
  if (typeof status === "number" && status >= 400 && status < 600) {
    if (status >= 500) logger.error("webhook handler failed", error);
    const message = status < 500 && error instanceof Error ? error.message : "Internal server error.";
    const details = error instanceof WebhookError ? error.details : undefined;
    return jsonResponse(status, { error: message, ...details });
  }
  logger.error("webhook handler failed", error);
  return jsonResponse(500, { error: "Internal server error." });
}

/** The whole pipeline for one POST to a webhook route: secret → size → JSON → payload → handlers. */
export async function handleDelivery(
  request: Request,
  path: string,
  handler: WebhookHandler | undefined,
  options: DeliveryOptions,
): Promise<Response> {
  try {
    verifySecret(request, options.secret);
    const payload = parsePayload(await readJson(request, options.maxBodyBytes));
    const base = {
      request,
      headers: request.headers,
      deliveryId: request.headers.get("x-webhook-delivery") ?? undefined,
      path,
    };
    for (const target of dispatchTargets(payload.event.scope, payload.event.action)) {
      for (const listener of options.listeners.get(target.name) ?? []) {
        const context: WebhookContext = { ...base, event: { scope: target.scope, action: target.action } };
        await listener(payload, context);
      }
    }
    if (!handler) return jsonResponse(200, { ok: true });
    return toResponse(await handler(payload, { ...base, event: { ...payload.event } }));
  } catch (error) {
    return errorToResponse(error, options.logger);
  }
}
