import pino from "pino";
import { describe, expect, it } from "vitest";
import { createTestDatabase, DIALECTS } from "../../../../test-support/databases.js";
import { createUser } from "../accounts/account-store.js";
import { deliveryConfig } from "../core/config.js";
import { createServer } from "../server.js";
import { claimDueDeliveries } from "./claim-due.js";

describe.each(DIALECTS)("no pending delivery waits forever on %s", (dialect) => {
  it("start-up re-queues pending deliveries without a due time, and a claim refuses a lease that is not a number", async () => {
    const database = await createTestDatabase(dialect);
    const logger = pino({ level: "silent" });
    const first = await createServer({ database: database.location, logger });
    const { account } = await createUser(first.db, "orphan");
    await first.db
      .insertInto("webhooks")
      .values({
        id: "a".repeat(24),
        owner_id: account.id,
        url: "https://e.x/h",
        secret: null,
        domains: '["repo"]',
        disabled: 0,
        disabled_reason: null,
        created_at: 1,
        updated_at: 1,
      })
      .execute();
    // What `--lease abc` used to leave behind: a claimed, pending delivery with no due time.
    await first.db
      .insertInto("deliveries")
      .values({
        id: "b".repeat(24),
        webhook_id: "a".repeat(24),
        event_id: "c".repeat(24),
        status: "pending",
        scope: "repo",
        action: "update",
        repo_name: "model/o/x",
        payload: "{}",
        counted: 1,
        attempts: 0,
        next_attempt_at: null,
        lease_token: "lost",
        created_at: 1,
        updated_at: 1,
      })
      .execute();
    await expect(
      claimDueDeliveries(first.db, first.dialect, {
        now: Date.now(),
        leaseMs: Number.NaN,
        limit: 10,
        perWebhook: 10,
        skipWebhooks: [],
      }),
    ).rejects.toThrow(/invalid lease/);
    expect(() => deliveryConfig({ leaseMs: Number.NaN })).toThrow(/leaseMs/);
    await first.close();

    const second = await createServer({ database: database.location, logger });
    const row = await second.db
      .selectFrom("deliveries")
      .select(["next_attempt_at", "lease_token"])
      .executeTakeFirstOrThrow();
    expect(row.next_attempt_at).toBeGreaterThan(0);
    expect(row.lease_token).toBeNull();
    await second.close();
    await database.drop();
  });
});
