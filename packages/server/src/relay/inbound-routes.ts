import type { IncomingMessage } from "node:http";
import { RELAY_CHANNEL_ID_PATTERN } from "@hubhooks/schemas";
import { type Context, Hono } from "hono";
import type { ServerDeps } from "../core/deps.js";
import { apiError } from "../core/errors.js";
import { findChannelById } from "./channel-store.js";
import { ChannelFullError, type InboundRequest, recordInbound } from "./event-store.js";
import type { RelayWake } from "./wake.js";

const ACCEPTED = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Headers as they came over the wire (order, spelling, repeats); from the Request when no Node request exists. */
function receivedHeaders(c: Context): Array<[string, string]> {
  const raw = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.rawHeaders;
  if (!raw) return [...c.req.raw.headers.entries()];
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i] as string, raw[i + 1] as string]);
  return pairs;
}

/**
 * `POST /relay/{channelId}[/more?query]`: the public URL of a channel. The request is stored as received and
 * answered 200 only after the commit, so whatever sent it may count it as delivered.
 */
export function inboundRoutes(deps: ServerDeps, wake: RelayWake) {
  const app = new Hono();
  const receive = async (c: Context) => {
    const id = c.req.param("channelId") ?? "";
    const channel = RELAY_CHANNEL_ID_PATTERN.test(id) ? await findChannelById(deps.db, id) : undefined;
    if (!channel || channel.webhook_id) throw apiError(404, "Relay channel not found");
    if (!ACCEPTED.has(c.req.method)) {
      c.header("Allow", [...ACCEPTED].join(", "));
      throw apiError(405, `Send webhooks to this URL with POST; ${c.req.method} is not relayed`);
    }
    const url = new URL(c.req.url);
    const request: InboundRequest = {
      method: c.req.method,
      path: url.pathname.slice(`/relay/${id}`.length) + url.search,
      headers: receivedHeaders(c),
      body: new Uint8Array(await c.req.arrayBuffer()),
    };
    try {
      const event = await recordInbound(deps.db, id, request, deps.config.relay);
      wake.wake(id);
      deps.notifier.notify();
      return c.json({ id: event.id, seq: event.seq });
    } catch (error) {
      if (error instanceof ChannelFullError) throw apiError(429, error.message);
      throw error;
    }
  };
  app.all("/:channelId", receive);
  app.all("/:channelId/*", receive);
  return app;
}
