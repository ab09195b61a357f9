import type { ServerDeps } from "../core/deps.js";

const PRUNE_INTERVAL_MS = 60 * 60_000;

/** Deletes relay events older than the age cap, in every channel; resolves with how many went. */
export async function pruneRelayEvents(deps: Pick<ServerDeps, "db" | "config">, now = Date.now()): Promise<number> {
  const result = await deps.db
    .deleteFrom("relay_events")
    .where("received_at", "<", now - deps.config.relay.maxEventAgeMs)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Channels drop their expired events whenever a request comes in; this catches the channels nothing posts to
 * any more, once an hour. Returns a function that stops it.
 */
export function startRelayPruner(deps: ServerDeps): () => void {
  const prune = () =>
    pruneRelayEvents(deps).then(
      (removed) => {
        if (removed > 0) deps.logger.info({ removed }, "pruned expired relay events");
      },
      (error: unknown) => deps.logger.error({ err: error }, "could not prune relay events"),
    );
  const timer = setInterval(prune, PRUNE_INTERVAL_MS);
  timer.unref();
  void prune();
  return () => clearInterval(timer);
}
