import type { Context } from "hono";

/**
 * Where senders reach this server: the configured public URL (a Space's `https://$SPACE_HOST`, a TLS proxy's),
 * else what the request came to, as a proxy forwarded it.
 */
export function publicBaseUrl(c: Context, configured: string | null): string {
  if (configured) return configured;
  const url = new URL(c.req.url);
  const proto = c.req.header("X-Forwarded-Proto")?.split(",")[0]?.trim();
  const host = c.req.header("X-Forwarded-Host")?.split(",")[0]?.trim();
  if (proto && /^https?$/.test(proto)) url.protocol = `${proto}:`;
  if (host && /^[A-Za-z0-9.:[\]-]+$/.test(host)) url.host = host;
  return url.origin;
}
