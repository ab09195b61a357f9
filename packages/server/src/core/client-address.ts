import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

/** The address of the peer (the proxy's, behind one), or "local" for in-process requests (`app.request`). */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "local";
  } catch {
    return "local";
  }
}
