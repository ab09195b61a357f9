import { randomUUID } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { Logger } from "pino";
import { clientWentAway } from "./errors.js";

const INCOMING_ID = /^[\w.:-]{1,128}$/;
/** A relay channel's id is the secret of its public URL: logs keep its first four characters only. */
const CHANNEL_ID = /\/(relay|channels)\/([A-Za-z0-9_-]{4})[A-Za-z0-9_-]{28}(?=\/|$)/g;
const loggedPath = (path: string) => path.replace(CHANNEL_ID, "/$1/$2…");

/**
 * One log line per request (method, path, status, ms, request id) and an `X-Request-Id` on every answer, so a
 * user can quote the id and the operator can find the line. Failures log at info, successes at debug.
 */
export function requestLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    c.header("X-Request-Id", requestId);
    await next();
    const status = c.res.status;
    const line = {
      requestId,
      method: c.req.method,
      path: loggedPath(c.req.path),
      status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    };
    if (clientWentAway(c)) logger.info(line, "request aborted by the client");
    else if (status >= 500) logger.error(line, "request failed");
    else if (status >= 400) logger.info(line, "request refused");
    else logger.debug(line, "request");
    // Set again: a handler that built its own Response (errors, redirects) may not carry it.
    if (!c.res.headers.has("X-Request-Id")) c.res.headers.set("X-Request-Id", requestId);
  };
}
