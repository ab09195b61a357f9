import type { MiddlewareHandler } from "hono";
import { apiError } from "./errors.js";

// C0 controls, DEL and C1 controls: no route, name or id of ours has one, and PostgreSQL text cannot hold NUL.
const CONTROL = /\p{Cc}/u;

/** The path and query of a URL exactly as sent (hono's `c.req.path` is already partly decoded). */
function rawParts(url: string): { path: string; query: string } {
  const start = url.indexOf("/", url.indexOf("://") + 3);
  const hash = url.indexOf("#", start);
  const end = hash === -1 ? url.length : hash;
  const question = url.indexOf("?", start);
  if (question === -1 || question > end) return { path: url.slice(start, end), query: "" };
  return { path: url.slice(start, question), query: url.slice(question + 1, end) };
}

/**
 * Mounted once, before every route: each path segment must be well-formed percent-encoding without control
 * characters, and the query must not carry NUL. What passes can reach a query on either database; what does not
 * is a 400 here instead of a 500 (or an odd 404) further in.
 */
export function pathGuard(): MiddlewareHandler {
  return async (c, next) => {
    const { path, query } = rawParts(c.req.url);
    for (const segment of path.split("/")) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        throw apiError(400, `Malformed percent-encoding in the URL path: "${segment.slice(0, 100)}"`);
      }
      if (CONTROL.test(decoded)) throw apiError(400, "The URL path must not contain control characters");
    }
    if (query.includes("\u0000") || /%00/i.test(query)) {
      throw apiError(400, "The query string must not contain NUL (%00) characters");
    }
    await next();
  };
}
