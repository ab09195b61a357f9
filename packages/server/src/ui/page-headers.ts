import type { MiddlewareHandler } from "hono";

/** Pages load nothing from elsewhere, post only here and are never framed (clickjacking). */
export const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'";

/**
 * Mounted once for the whole app: every HTML answer (settings pages, sign-in, the sandbox's repo pages, 404
 * pages) is kept out of caches (pages carry secrets and CSRF tokens), unframeable and under the CSP.
 */
export function pageHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (!c.res.headers.get("Content-Type")?.startsWith("text/html")) return;
    c.header("Cache-Control", "no-store");
    c.header("X-Frame-Options", "DENY");
    c.header("X-Content-Type-Options", "nosniff");
    // A page with a policy of its own (the API reference at /docs loads its renderer from this server) keeps it.
    if (!c.res.headers.has("Content-Security-Policy")) c.header("Content-Security-Policy", PAGE_CSP);
  };
}
