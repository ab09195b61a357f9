import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export function apiError(status: ContentfulStatusCode, message: string): HTTPException {
  return new HTTPException(status, { message });
}

/** An error the Hub also names in `X-Error-Code` (RepoNotFound, RevisionNotFound…), which its clients map to types. */
export class HubCodedError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    message: string,
    readonly code: string,
  ) {
    super(status, { message });
  }
}

/**
 * A store's refusal because an account reached one of the server's caps (webhooks per account, repo size…): a
 * domain error, not an HTTP one; the one error handler answers it with 422 and the message, as GitHub answers
 * its hook limit.
 */
export class CapReachedError extends Error {
  override name = "CapReachedError";
}

// Header values must be printable ASCII; messages can quote user input.
function headerSafe(message: string): string {
  return message.replace(/[^\x20-\x7e]/g, "?").slice(0, 1000);
}

export function errorResponse(c: Context, status: ContentfulStatusCode, message: string): Response {
  c.header("X-Error-Message", headerSafe(message));
  return c.json({ error: message }, status);
}

export interface ErrorLogger {
  error(details: object, message: string): void;
}

/**
 * The client closed the connection before its request was complete (Node's "aborted" ECONNRESET while the body
 * streams in): nobody is there to answer, and nothing failed on our side.
 */
export function clientWentAway(c: Context, error?: unknown): boolean {
  if (c.req.raw.signal?.aborted) return true;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (code === "ECONNRESET" && message === "aborted") || code === "ERR_STREAM_PREMATURE_CLOSE";
}

/** The one error handler: HTTPExceptions keep their status and message, anything else is a logged 500. */
export function handleError(logger: ErrorLogger) {
  return (error: Error, c: Context): Response => {
    if (error instanceof HTTPException) {
      if (error instanceof HubCodedError) c.header("X-Error-Code", error.code);
      if (error.status >= 500) logger.error({ err: error }, "request failed");
      return errorResponse(c, error.status as ContentfulStatusCode, error.message || "Request failed");
    }
    if (error instanceof CapReachedError) return errorResponse(c, 422, error.message);
    // The request log reports it (at info); a 400 since the request was incomplete, though nobody reads it.
    if (clientWentAway(c, error)) return errorResponse(c, 400, "The client closed the connection mid-request");
    logger.error({ err: error, method: c.req.method, path: c.req.path }, "unhandled error");
    return errorResponse(c, 500, "Internal server error");
  };
}
