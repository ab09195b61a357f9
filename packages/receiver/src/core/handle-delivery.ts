import type { IncomingDelivery } from "./incoming.js";
import { readRequestText } from "./read-json.js";
import { type DeliveryAnswer, type DeliveryOptions, receiveDelivery } from "./receive-delivery.js";
import type { WebhookHandler } from "./types.js";

export type { DeliveryOptions } from "./receive-delivery.js";

export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

export function answerToResponse(answer: DeliveryAnswer): Response {
  return answer instanceof Response ? answer : jsonResponse(answer.status, answer.json);
}

/** A WHATWG Request as the pipeline sees it. */
export function fetchIncoming(request: Request, path: string): IncomingDelivery {
  return {
    path,
    header: (name) => request.headers.get(name) ?? undefined,
    querySecret: () => new URL(request.url).searchParams.get("secret") ?? undefined,
    readBody: (maxBytes) => readRequestText(request, maxBytes),
    toRequest: () => request,
  };
}

/** The fetch adapter of the pipeline: Request in, Response out (hono, Workers, Bun, Deno, Next.js). */
export async function handleDelivery(
  request: Request,
  path: string,
  handler: WebhookHandler | undefined,
  options: DeliveryOptions,
): Promise<Response> {
  return answerToResponse(await receiveDelivery(fetchIncoming(request, path), handler, options));
}
