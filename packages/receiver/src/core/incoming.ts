/**
 * What the delivery pipeline needs of a request, whatever the transport: the fetch adapter wraps a WHATWG
 * `Request`, the Node adapter a raw `IncomingMessage` (no web streams on the hot path).
 */
export interface IncomingDelivery {
  /** The route, e.g. "/webhooks/trigger_training". */
  readonly path: string;
  /** A request header by lower-case name. */
  header(name: string): string | undefined;
  /** The `secret` query parameter the Hub docs suggest, if given. */
  querySecret(): string | undefined;
  /** The whole body, refused with a 413 `WebhookError` past `maxBytes` (declared or streamed). */
  readBody(maxBytes: number): Promise<string>;
  /** The WHATWG Request, built only when a handler reads `context.request` or `context.headers`. */
  toRequest(): Request;
}
