import { type Kysely, sql } from "kysely";
import pg from "pg";
import type { Logger } from "pino";
import type { Database } from "./schema.js";
import type { WakeChannel } from "./wake-channel.js";

const CHANNEL = "hubhooks_deliveries";
const RECONNECT_MS = 1_000;

/**
 * LISTEN/NOTIFY between hubhooks processes on one PostgreSQL. Publishing is coalesced (at most one NOTIFY in
 * flight, one more if asked meanwhile); a listener reconnects after errors, and polling covers the gap.
 */
export function pgWakeChannel(connectionString: string, db: Kysely<Database>, logger: Logger): WakeChannel {
  let sending = false;
  let again = false;
  const publish = (): void => {
    if (sending) {
      again = true;
      return;
    }
    sending = true;
    sql`select pg_notify(${CHANNEL}, '')`
      .execute(db)
      .catch((error: unknown) =>
        logger.warn({ err: error }, "could not notify workers; they will find the work by polling"),
      )
      .finally(() => {
        sending = false;
        if (again) {
          again = false;
          publish();
        }
      });
  };

  const listen = async (onWake: () => void) => {
    let client: pg.Client | undefined;
    let closed = false;
    let retry: NodeJS.Timeout | undefined;
    const connect = async (): Promise<void> => {
      const next = new pg.Client({ connectionString });
      next.on("notification", onWake);
      next.on("error", (error) => {
        logger.warn({ err: error }, "lost the LISTEN connection; reconnecting (polling meanwhile)");
        next.end().catch(() => {});
        if (!closed) retry = setTimeout(() => void connect().catch(() => {}), RECONNECT_MS);
      });
      try {
        await next.connect();
        await next.query(`LISTEN ${CHANNEL}`);
      } catch (error) {
        next.end().catch(() => {});
        if (!closed) retry = setTimeout(() => void connect().catch(() => {}), RECONNECT_MS);
        throw error;
      }
      if (closed) await next.end();
      else {
        client = next;
        onWake(); // anything published while (re)connecting
      }
    };
    await connect().catch((error: unknown) => logger.warn({ err: error }, "could not LISTEN for new deliveries"));
    return async () => {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
    };
  };

  return { publish, listen };
}
