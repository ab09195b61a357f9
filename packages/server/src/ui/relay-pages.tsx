import type { Hono } from "hono";
import { publicBaseUrl } from "../core/base-url.js";
import type { ServerDeps } from "../core/deps.js";
import { listChannels } from "../relay/channel-store.js";
import { listEvents } from "../relay/event-store.js";
import { toChannel, toEventSummary } from "../relay/to-wire.js";
import { RelayPage } from "./pages/relay.js";
import type { UiEnv } from "./session.js";

const EVENTS_SHOWN = 10;

/** `/settings/relay`: the signed-in user's channels with their recent events and local answers. */
export function registerRelayPages(app: Hono<UiEnv>, deps: ServerDeps): void {
  app.get("/settings/relay", async (c) => {
    const s = c.var.session;
    if (!s) return c.redirect("/signin");
    const base = publicBaseUrl(c, deps.config.publicUrl);
    const records = await listChannels(deps.db, s.account.id);
    const channels = await Promise.all(
      records.map(async (record) => ({
        channel: toChannel(record, base),
        events: (await listEvents(deps.db, record.id, EVENTS_SHOWN)).map(toEventSummary),
      })),
    );
    return c.html(<RelayPage session={s} channels={channels} />);
  });
}
