import type { Server } from "node:http";
import type { Socket } from "node:net";
import type { DeliveryConfig } from "./config.js";

/** How often Node looks for requests past their header or body deadline (its default, 30 s, lets them linger). */
const CHECK_INTERVAL_MS = 1_000;

/** Options for `http.createServer`: the header and whole-request deadlines, checked every second. */
export function timeoutOptions(limits: DeliveryConfig["http"]) {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: CHECK_INTERVAL_MS,
  };
}

/**
 * Caps open connections, in all and per client address: a client that opens connections and sends nothing (or
 * sends slowly) holds only its own share until the deadlines above close them, and everyone else is served.
 * A connection over a cap is closed at once, before any byte of it is read.
 */
export function capConnections(server: Server, limits: DeliveryConfig["http"]): void {
  if (limits.maxConnections > 0) server.maxConnections = limits.maxConnections;
  if (limits.maxConnectionsPerAddress === 0) return;
  const open = new Map<string, number>();
  server.on("connection", (socket: Socket) => {
    const address = socket.remoteAddress ?? "";
    const count = (open.get(address) ?? 0) + 1;
    if (count > limits.maxConnectionsPerAddress) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once("close", () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
}
