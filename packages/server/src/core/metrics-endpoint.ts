import { createHash, timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import { bearerToken } from "./auth.js";
import type { ServerDeps } from "./deps.js";
import { errorResponse } from "./errors.js";

/** Where this process serves /metrics from, decided when it starts listening. */
export interface MetricsAccess {
  /** The API port listens on loopback only: nothing but this machine can scrape it. */
  apiOnLoopback: boolean;
  /** A separate --metrics-port serves them. */
  ownPort: boolean;
}

export function isLoopbackHost(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Compares digests, so neither the token's length nor its first differing byte shows in the timing. */
function sameToken(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * GET /metrics in the Prometheus text format. With --metrics-token set, only with that Bearer token (on either
 * port). Without one: open on the metrics port, and on the API port only while it listens on loopback and no
 * metrics port was asked for; otherwise a 403 that says how to turn them on.
 */
export function metricsHandler(
  deps: ServerDeps,
  access: MetricsAccess,
  workerInFlight: () => number,
  onOwnPort = false,
) {
  return async (c: Context) => {
    const token = deps.config.metricsToken;
    if (token !== null) {
      const given = bearerToken(c.req.header("Authorization"));
      if (given === undefined || !sameToken(given, token)) {
        c.header("WWW-Authenticate", 'Bearer realm="metrics"');
        return errorResponse(c, 401, "Metrics need the token set with --metrics-token: Authorization: Bearer <token>");
      }
    } else if (!onOwnPort && (access.ownPort || !access.apiOnLoopback)) {
      return errorResponse(
        c,
        403,
        access.ownPort
          ? "Metrics are served on the --metrics-port"
          : "Metrics are open only while the server listens on loopback: set --metrics-token or --metrics-port",
      );
    }
    const text = await deps.metrics.scrape(deps.db, deps.dialect, workerInFlight());
    c.header("Cache-Control", "no-store");
    return c.body(text, 200, { "Content-Type": deps.metrics.contentType });
  };
}
