import type { Kysely } from "kysely";
import type { Database } from "../store/schema.js";
import type { LastDelivery } from "./pages/list.js";

/** The most recent delivery of each webhook, for the list page. */
export async function lastDeliveries(db: Kysely<Database>, webhookIds: string[]): Promise<Map<string, LastDelivery>> {
  const last = new Map<string, LastDelivery>();
  for (const id of webhookIds) {
    const row = await db
      .selectFrom("deliveries")
      .select(["status", "last_status_code", "last_error", "attempts", "updated_at"])
      .where("webhook_id", "=", id)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst();
    if (row) {
      last.set(id, {
        status: row.status,
        statusCode: row.last_status_code,
        error: row.last_error,
        attempts: row.attempts,
        at: row.updated_at,
      });
    }
  }
  return last;
}
