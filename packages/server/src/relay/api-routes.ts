import {
  CreateRelayChannelBodySchema,
  RELAY_CHANNEL_ID_PATTERN,
  RelayAnswerSchema,
  WEBHOOK_ID_PATTERN,
} from "@hubhooks/schemas";
import { type Context, Hono } from "hono";
import { requireAccount } from "../accounts/require-account.js";
import { publicBaseUrl } from "../core/base-url.js";
import type { AppEnv, ServerDeps } from "../core/deps.js";
import { apiError } from "../core/errors.js";
import { readJsonBody } from "../core/json-body.js";
import { deleteChannel, findChannel, insertChannel, listChannels, webhookChannel } from "./channel-store.js";
import { acknowledge, findEvent, listEvents, requeue } from "./event-store.js";
import { listenStream } from "./listen-stream.js";
import { toChannel, toEvent, toEventSummary } from "./to-wire.js";
import type { RelayWake } from "./wake.js";

// Unknown ids and other users' ids get the same answer: a channel's existence is never revealed.
const notFound = () => apiError(404, "Relay channel not found");
const eventNotFound = () => apiError(404, "Relay event not found");

/** `/api/relay`: the owner's channels, their events, replay, and the listen stream with its acknowledgements. */
export function relayApiRoutes(deps: ServerDeps, wake: RelayWake) {
  const { db, config } = deps;
  const app = new Hono<AppEnv>();
  // Listen streams and acknowledgements are the relay's own traffic, one per event: not the API's budget.
  app.use("/channels/:id/listen", requireAccount(db));
  app.use("/channels/:id/events/:eventId/ack", requireAccount(db));
  app.use("*", requireAccount(db, deps.apiLimiter));

  const channelOf = async (c: Context<AppEnv>) => {
    const id = c.req.param("id") ?? "";
    const channel = RELAY_CHANNEL_ID_PATTERN.test(id) ? await findChannel(db, c.var.account.id, id) : undefined;
    if (!channel) throw notFound();
    return channel;
  };
  const base = (c: Context) => publicBaseUrl(c, config.publicUrl);

  app.get("/channels", async (c) => {
    const channels = await listChannels(db, c.var.account.id);
    return c.json(channels.map((channel) => toChannel(channel, base(c))));
  });

  app.post("/channels", async (c) => {
    const body = await readJsonBody(c, CreateRelayChannelBodySchema);
    const row = await insertChannel(
      db,
      c.var.account.id,
      { name: body.name ?? "" },
      config.relay.maxChannelsPerAccount,
    );
    return c.json({ channel: toChannel({ ...row, pending: 0 }, base(c)) });
  });

  app.post("/webhooks/:webhookId/channel", async (c) => {
    const webhookId = c.req.param("webhookId");
    const channel = WEBHOOK_ID_PATTERN.test(webhookId)
      ? await webhookChannel(db, c.var.account.id, webhookId)
      : undefined;
    if (!channel) throw apiError(404, "Webhook not found");
    return c.json({ channel: toChannel(channel, base(c)) });
  });

  app.get("/channels/:id", async (c) => c.json({ channel: toChannel(await channelOf(c), base(c)) }));

  app.delete("/channels/:id", async (c) => {
    const channel = await channelOf(c);
    await deleteChannel(db, c.var.account.id, channel.id);
    return c.json({});
  });

  app.get("/channels/:id/events", async (c) => {
    const channel = await channelOf(c);
    const limit = Number(c.req.query("limit") ?? 50);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw apiError(400, "limit: must be 1 to 500");
    const rows = await listEvents(db, channel.id, limit);
    return c.json({ events: rows.map(toEventSummary) });
  });

  app.get("/channels/:id/events/:eventId", async (c) => {
    const channel = await channelOf(c);
    const row = await findEvent(db, channel.id, c.req.param("eventId"));
    if (!row) throw eventNotFound();
    return c.json({ event: toEvent(row) });
  });

  app.post("/channels/:id/events/:eventId/replay", async (c) => {
    const channel = await channelOf(c);
    if (channel.webhook_id) throw apiError(400, "Replay a webhook's delivery with hubhooks replay, not here");
    if (!(await requeue(db, channel.id, c.req.param("eventId")))) throw eventNotFound();
    wake.wake(channel.id);
    deps.notifier.notify();
    const row = await findEvent(db, channel.id, c.req.param("eventId"));
    if (!row) throw eventNotFound();
    return c.json({ event: toEventSummary(row) });
  });

  app.post("/channels/:id/events/:eventId/ack", async (c) => {
    const channel = await channelOf(c);
    const answer = await readJsonBody(c, RelayAnswerSchema);
    if (!(await acknowledge(db, channel.id, c.req.param("eventId"), answer))) throw eventNotFound();
    wake.wake(channel.id);
    return c.json({});
  });

  app.get("/channels/:id/listen", async (c) => listenStream(c, deps, wake, (await channelOf(c)).id));

  return app;
}
