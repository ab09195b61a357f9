import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from "kysely";

// Migrations live in code (not files on disk) so the compiled package runs from anywhere.
// Types used here mean the same on SQLite and PostgreSQL: text, integer (0/1 booleans) and bigint (ms).
const migrations: Record<string, Migration> = {
  "0001_accounts_and_webhooks": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("users")
        .addColumn("id", "text", (col) => col.primaryKey())
        .addColumn("name", "text", (col) => col.notNull().unique())
        .addColumn("publisher", "integer", (col) => col.notNull().defaultTo(0))
        .addColumn("created_at", "bigint", (col) => col.notNull())
        .execute();
      await db.schema
        .createTable("tokens")
        .addColumn("token_hash", "text", (col) => col.primaryKey())
        .addColumn("user_id", "text", (col) => col.notNull().references("users.id").onDelete("cascade"))
        .addColumn("created_at", "bigint", (col) => col.notNull())
        .execute();
      await db.schema
        .createTable("orgs")
        .addColumn("id", "text", (col) => col.primaryKey())
        .addColumn("name", "text", (col) => col.notNull().unique())
        .addColumn("created_at", "bigint", (col) => col.notNull())
        .execute();
      await db.schema
        .createTable("org_members")
        .addColumn("org_id", "text", (col) => col.notNull().references("orgs.id").onDelete("cascade"))
        .addColumn("user_id", "text", (col) => col.notNull().references("users.id").onDelete("cascade"))
        .addPrimaryKeyConstraint("org_members_pk", ["org_id", "user_id"])
        .execute();
      await db.schema
        .createTable("webhooks")
        .addColumn("id", "text", (col) => col.primaryKey())
        .addColumn("owner_id", "text", (col) => col.notNull().references("users.id").onDelete("cascade"))
        .addColumn("url", "text", (col) => col.notNull())
        .addColumn("secret", "text")
        .addColumn("domains", "text", (col) => col.notNull())
        .addColumn("disabled", "integer", (col) => col.notNull().defaultTo(0))
        .addColumn("created_at", "bigint", (col) => col.notNull())
        .addColumn("updated_at", "bigint", (col) => col.notNull())
        .execute();
      await db.schema.createIndex("webhooks_owner").on("webhooks").columns(["owner_id", "created_at"]).execute();
      await db.schema
        .createTable("webhook_watched")
        .addColumn("webhook_id", "text", (col) => col.notNull().references("webhooks.id").onDelete("cascade"))
        .addColumn("position", "integer", (col) => col.notNull())
        .addColumn("type", "text", (col) => col.notNull())
        .addColumn("name", "text", (col) => col.notNull())
        .addPrimaryKeyConstraint("webhook_watched_pk", ["webhook_id", "position"])
        .execute();
      await db.schema.createIndex("webhook_watched_target").on("webhook_watched").columns(["type", "name"]).execute();
    },
  },
  "0002_events_and_deliveries": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("events")
        .addColumn("id", "text", (col) => col.primaryKey())
        .addColumn("publisher_id", "text", (col) => col.notNull())
        .addColumn("scope", "text", (col) => col.notNull())
        .addColumn("action", "text", (col) => col.notNull())
        .addColumn("repo_name", "text", (col) => col.notNull())
        .addColumn("created_at", "bigint", (col) => col.notNull())
        .execute();
      await db.schema.createIndex("events_created").on("events").column("created_at").execute();
      await db.schema
        .createTable("deliveries")
        .addColumn("id", "text", (col) => col.primaryKey())
        .addColumn("webhook_id", "text", (col) => col.notNull().references("webhooks.id").onDelete("cascade"))
        .addColumn("event_id", "text", (col) => col.notNull())
        .addColumn("status", "text", (col) => col.notNull())
        .addColumn("scope", "text", (col) => col.notNull())
        .addColumn("action", "text", (col) => col.notNull())
        .addColumn("repo_name", "text", (col) => col.notNull())
        .addColumn("payload", "text", (col) => col.notNull())
        .addColumn("counted", "integer", (col) => col.notNull())
        .addColumn("attempts", "integer", (col) => col.notNull().defaultTo(0))
        .addColumn("next_attempt_at", "bigint")
        .addColumn("lease_token", "text")
        .addColumn("last_status_code", "integer")
        .addColumn("last_error", "text")
        .addColumn("last_duration_ms", "integer")
        .addColumn("created_at", "bigint", (col) => col.notNull())
        .addColumn("updated_at", "bigint", (col) => col.notNull())
        .execute();
      // Only unfinished rows carry next_attempt_at, so the claim scans due work and nothing else.
      await db.schema.createIndex("deliveries_due").on("deliveries").columns(["next_attempt_at"]).execute();
      await db.schema
        .createIndex("deliveries_webhook")
        .on("deliveries")
        .columns(["webhook_id", "created_at", "id"])
        .execute();
      await db.schema.createIndex("deliveries_created").on("deliveries").column("created_at").execute();
      await db.schema
        .createTable("attempts")
        .addColumn("id", "text", (col) => col.primaryKey())
        .addColumn("delivery_id", "text", (col) => col.notNull().references("deliveries.id").onDelete("cascade"))
        .addColumn("attempt", "integer", (col) => col.notNull())
        .addColumn("trigger", "text", (col) => col.notNull())
        .addColumn("started_at", "bigint", (col) => col.notNull())
        .addColumn("duration_ms", "integer", (col) => col.notNull())
        .addColumn("url", "text", (col) => col.notNull())
        .addColumn("request_headers", "text", (col) => col.notNull())
        .addColumn("status_code", "integer")
        .addColumn("response_headers", "text", (col) => col.notNull())
        .addColumn("response_body", "text", (col) => col.notNull())
        .addColumn("error", "text")
        .execute();
      await db.schema.createIndex("attempts_delivery").on("attempts").columns(["delivery_id", "started_at"]).execute();
    },
  },
  "0003_ui_sessions": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("sessions")
        .addColumn("id_hash", "text", (col) => col.primaryKey())
        .addColumn("user_id", "text", (col) => col.notNull().references("users.id").onDelete("cascade"))
        .addColumn("csrf_token", "text", (col) => col.notNull())
        .addColumn("created_at", "bigint", (col) => col.notNull())
        .addColumn("expires_at", "bigint", (col) => col.notNull())
        .execute();
    },
  },
  "0004_payload_once_per_event": {
    async up(db: Kysely<unknown>) {
      // Fan-out to 10 000 webhooks writes one payload, not 10 000 copies of it.
      await db.schema.alterTable("events").addColumn("payload", "text").execute();
      await db.schema.createIndex("deliveries_event").on("deliveries").column("event_id").execute();
    },
  },
  "0005_disabled_reason": {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("webhooks").addColumn("disabled_reason", "text").execute();
    },
  },
  "0006_signing_secrets": {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("webhooks").addColumn("signing_secret", "text").execute();
      await db.schema.alterTable("webhooks").addColumn("previous_signing_secret", "text").execute();
      await db.schema.alterTable("webhooks").addColumn("previous_signing_expires_at", "bigint").execute();
    },
  },
  "0007_failing_since": {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("webhooks").addColumn("failing_since", "bigint").execute();
    },
  },
  "0008_recoveries": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("recoveries")
        .addColumn("id", "text", (col) => col.primaryKey())
        .addColumn("webhook_id", "text", (col) => col.notNull().references("webhooks.id").onDelete("cascade"))
        .addColumn("since", "bigint", (col) => col.notNull())
        .addColumn("until", "bigint", (col) => col.notNull())
        .addColumn("status", "text", (col) => col.notNull())
        .addColumn("queued", "integer", (col) => col.notNull())
        .addColumn("cursor_created_at", "bigint", (col) => col.notNull())
        .addColumn("cursor_id", "text", (col) => col.notNull())
        .addColumn("created_at", "bigint", (col) => col.notNull())
        .addColumn("updated_at", "bigint", (col) => col.notNull())
        .execute();
      // One job per webhook and window: asking again returns it instead of queueing the same deliveries twice.
      await db.schema
        .createIndex("recoveries_window")
        .on("recoveries")
        .columns(["webhook_id", "since", "until"])
        .unique()
        .execute();
    },
  },
  "0009_sandbox": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("sandbox_repos")
        .addColumn("id", "text", (col) => col.primaryKey())
        .addColumn("type", "text", (col) => col.notNull())
        .addColumn("name", "text", (col) => col.notNull())
        .addColumn("private", "integer", (col) => col.notNull())
        .addColumn("head_sha", "text", (col) => col.notNull())
        .addColumn("created_by", "text", (col) => col.notNull())
        .addColumn("next_discussion_num", "integer", (col) => col.notNull())
        .addColumn("created_at", "bigint", (col) => col.notNull())
        .addColumn("updated_at", "bigint", (col) => col.notNull())
        .addUniqueConstraint("sandbox_repos_type_name", ["type", "name"])
        .execute();
      // One row per file and ref; on a pull request's ref only what the PR changed (deleted = 1 for removals).
      await db.schema
        .createTable("sandbox_files")
        .addColumn("repo_id", "text", (col) => col.notNull().references("sandbox_repos.id").onDelete("cascade"))
        .addColumn("ref", "text", (col) => col.notNull())
        .addColumn("path", "text", (col) => col.notNull())
        .addColumn("content", "text", (col) => col.notNull())
        .addColumn("size", "integer", (col) => col.notNull())
        .addColumn("oid", "text", (col) => col.notNull())
        .addColumn("deleted", "integer", (col) => col.notNull())
        .addPrimaryKeyConstraint("sandbox_files_pk", ["repo_id", "ref", "path"])
        .execute();
      await db.schema
        .createTable("sandbox_refs")
        .addColumn("repo_id", "text", (col) => col.notNull().references("sandbox_repos.id").onDelete("cascade"))
        .addColumn("ref", "text", (col) => col.notNull())
        .addColumn("sha", "text", (col) => col.notNull())
        .addPrimaryKeyConstraint("sandbox_refs_pk", ["repo_id", "ref"])
        .execute();
      await db.schema
        .createTable("sandbox_discussions")
        .addColumn("id", "text", (col) => col.primaryKey())
        .addColumn("repo_id", "text", (col) => col.notNull().references("sandbox_repos.id").onDelete("cascade"))
        .addColumn("num", "integer", (col) => col.notNull())
        .addColumn("title", "text", (col) => col.notNull())
        .addColumn("is_pull_request", "integer", (col) => col.notNull())
        .addColumn("status", "text", (col) => col.notNull())
        .addColumn("author_id", "text", (col) => col.notNull())
        .addColumn("merge_commit_id", "text")
        .addColumn("created_at", "bigint", (col) => col.notNull())
        .addColumn("updated_at", "bigint", (col) => col.notNull())
        .addUniqueConstraint("sandbox_discussions_num", ["repo_id", "num"])
        .execute();
      await db.schema
        .createTable("sandbox_discussion_events")
        .addColumn("id", "text", (col) => col.primaryKey())
        .addColumn("discussion_id", "text", (col) =>
          col.notNull().references("sandbox_discussions.id").onDelete("cascade"),
        )
        .addColumn("type", "text", (col) => col.notNull())
        .addColumn("author_id", "text", (col) => col.notNull())
        .addColumn("data", "text", (col) => col.notNull())
        .addColumn("created_at", "bigint", (col) => col.notNull())
        .addColumn("updated_at", "bigint", (col) => col.notNull())
        .execute();
      await db.schema
        .createIndex("sandbox_discussion_events_discussion")
        .on("sandbox_discussion_events")
        .columns(["discussion_id", "created_at"])
        .execute();
      // Changes made through the sandbox that followed a delivery: what the loop guard counts.
      await db.schema
        .createTable("sandbox_changes")
        .addColumn("id", "text", (col) => col.primaryKey())
        .addColumn("webhook_id", "text", (col) => col.notNull().references("webhooks.id").onDelete("cascade"))
        .addColumn("actor_id", "text", (col) => col.notNull())
        .addColumn("created_at", "bigint", (col) => col.notNull())
        .execute();
      await db.schema
        .createIndex("sandbox_changes_webhook")
        .on("sandbox_changes")
        .columns(["webhook_id", "created_at"])
        .execute();
      await db.schema
        .createTable("sandbox_loop_trips")
        .addColumn("id", "text", (col) => col.primaryKey())
        .addColumn("webhook_id", "text", (col) => col.notNull().references("webhooks.id").onDelete("cascade"))
        .addColumn("actor_id", "text", (col) => col.notNull())
        .addColumn("changes", "integer", (col) => col.notNull())
        .addColumn("created_at", "bigint", (col) => col.notNull())
        .execute();
    },
  },
  "0010_trigger_counts": {
    async up(db: Kysely<unknown>) {
      // The trigger limit's running count (store/trigger-counts.ts): per webhook and second, and per webhook the
      // sum from its first whole second in the window on.
      await db.schema
        .createTable("trigger_windows")
        .addColumn("webhook_id", "text", (col) => col.primaryKey().references("webhooks.id").onDelete("cascade"))
        .addColumn("first_bucket", "bigint", (col) => col.notNull())
        .addColumn("total", "bigint", (col) => col.notNull())
        .execute();
      await db.schema
        .createTable("trigger_buckets")
        .addColumn("webhook_id", "text", (col) => col.notNull().references("webhooks.id").onDelete("cascade"))
        .addColumn("bucket", "bigint", (col) => col.notNull())
        .addColumn("count", "bigint", (col) => col.notNull())
        .addPrimaryKeyConstraint("trigger_buckets_pk", ["webhook_id", "bucket"])
        .execute();
      // Counted from the deliveries of the default 24 h window, so a replay right after the upgrade finds its
      // webhook's count; the first ingest moves it to the configured window.
      const first = Math.floor((Date.now() - 86_400_000) / 1000) + 1;
      await sql`insert into trigger_buckets (webhook_id, bucket, count)
        select webhook_id, created_at / 1000, count(*) from deliveries where counted = 1 and created_at >= ${first * 1000}
        group by webhook_id, created_at / 1000`.execute(db);
      await sql`insert into trigger_windows (webhook_id, first_bucket, total)
        select w.id, cast(${first} as bigint), coalesce((select sum(b.count) from trigger_buckets b where b.webhook_id = w.id), 0)
        from webhooks w`.execute(db);
    },
  },
  "0011_ingest_idempotency": {
    async up(db: Kysely<unknown>) {
      // A publisher's Idempotency-Key and the answer given to it; event ids a publisher gave, with their results.
      await db.schema
        .createTable("ingest_requests")
        .addColumn("publisher_id", "text", (col) => col.notNull().references("users.id").onDelete("cascade"))
        .addColumn("key", "text", (col) => col.notNull())
        .addColumn("fingerprint", "text", (col) => col.notNull())
        .addColumn("status", "integer", (col) => col.notNull())
        .addColumn("body", "text", (col) => col.notNull())
        .addColumn("created_at", "bigint", (col) => col.notNull())
        .addPrimaryKeyConstraint("ingest_requests_pk", ["publisher_id", "key"])
        .execute();
      await db.schema.createIndex("ingest_requests_created").on("ingest_requests").column("created_at").execute();
      await db.schema
        .createTable("ingest_event_ids")
        .addColumn("publisher_id", "text", (col) => col.notNull().references("users.id").onDelete("cascade"))
        .addColumn("event_id", "text", (col) => col.notNull())
        .addColumn("fingerprint", "text", (col) => col.notNull())
        .addColumn("result", "text", (col) => col.notNull())
        .addColumn("created_at", "bigint", (col) => col.notNull())
        .addPrimaryKeyConstraint("ingest_event_ids_pk", ["publisher_id", "event_id"])
        .execute();
      await db.schema.createIndex("ingest_event_ids_created").on("ingest_event_ids").column("created_at").execute();
    },
  },
  "0012_relay_channels": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("relay_channels")
        .addColumn("id", "text", (col) => col.primaryKey())
        .addColumn("owner_id", "text", (col) => col.notNull().references("users.id").onDelete("cascade"))
        .addColumn("name", "text", (col) => col.notNull())
        .addColumn("webhook_id", "text", (col) => col.unique().references("webhooks.id").onDelete("cascade"))
        .addColumn("next_seq", "bigint", (col) => col.notNull())
        .addColumn("listener_seen_at", "bigint")
        .addColumn("created_at", "bigint", (col) => col.notNull())
        .execute();
      await db.schema
        .createIndex("relay_channels_owner")
        .on("relay_channels")
        .columns(["owner_id", "created_at"])
        .execute();
      // Requests as received: headers as JSON [name, value] pairs, the body as base64 (bytes untouched).
      await db.schema
        .createTable("relay_events")
        .addColumn("id", "text", (col) => col.primaryKey())
        .addColumn("channel_id", "text", (col) => col.notNull().references("relay_channels.id").onDelete("cascade"))
        .addColumn("seq", "bigint", (col) => col.notNull())
        .addColumn("method", "text", (col) => col.notNull())
        .addColumn("path", "text", (col) => col.notNull())
        .addColumn("headers", "text", (col) => col.notNull())
        .addColumn("body", "text", (col) => col.notNull())
        .addColumn("size", "integer", (col) => col.notNull())
        .addColumn("delivery_id", "text")
        .addColumn("received_at", "bigint", (col) => col.notNull())
        .addColumn("sends", "integer", (col) => col.notNull())
        .addColumn("acked_at", "bigint")
        .addColumn("answer_status", "integer")
        .addColumn("answer_duration_ms", "integer")
        .addColumn("answer_body", "text")
        .addColumn("answer_error", "text")
        .addColumn("answered_at", "bigint")
        .addUniqueConstraint("relay_events_seq", ["channel_id", "seq"])
        .execute();
    },
  },
  "0013_recovery_budget": {
    async up(db: Kysely<unknown>) {
      // When bulk recovery last queued a delivery: once a window, and within the webhook's daily budget.
      await db.schema.alterTable("deliveries").addColumn("recovered_at", "bigint").execute();
      await db.schema
        .createIndex("deliveries_recovered")
        .on("deliveries")
        .columns(["webhook_id", "recovered_at"])
        .execute();
    },
  },
  "0014_sandbox_commits": {
    async up(db: Kysely<unknown>) {
      // Each commit's metadata (no trees: a ref's files are its rows in sandbox_files), for list_repo_commits and
      // the lastCommit of tree entries. Repos from before this migration start their history at their next commit.
      await db.schema
        .createTable("sandbox_commits")
        .addColumn("repo_id", "text", (col) => col.notNull().references("sandbox_repos.id").onDelete("cascade"))
        .addColumn("sha", "text", (col) => col.notNull())
        .addColumn("parent_sha", "text")
        .addColumn("title", "text", (col) => col.notNull())
        .addColumn("message", "text", (col) => col.notNull())
        .addColumn("author_id", "text")
        .addColumn("created_at", "bigint", (col) => col.notNull())
        .addPrimaryKeyConstraint("sandbox_commits_pk", ["repo_id", "sha"])
        .execute();
      // The commit that last wrote each file on its ref (null: written before this migration).
      await db.schema.alterTable("sandbox_files").addColumn("commit_sha", "text").execute();
      // Repo ids are compared case-insensitively, as on the Hub ("Alice/Demo" finds alice/demo).
      await sql`create index sandbox_repos_lower_name on sandbox_repos (type, lower(name))`.execute(db);
      // update_repo_settings(gated="auto"|"manual"), null when not gated; a Space's sdk as created.
      await db.schema.alterTable("sandbox_repos").addColumn("gated", "text").execute();
      await db.schema.alterTable("sandbox_repos").addColumn("sdk", "text").execute();
      // A moved repo's old names: reads and downloads there redirect (307) to where it went, as on the Hub.
      await db.schema
        .createTable("sandbox_repo_moves")
        .addColumn("repo_id", "text", (col) => col.notNull().references("sandbox_repos.id").onDelete("cascade"))
        .addColumn("type", "text", (col) => col.notNull())
        .addColumn("old_name", "text", (col) => col.notNull())
        .addColumn("moved_at", "bigint", (col) => col.notNull())
        .execute();
      await sql`create index sandbox_repo_moves_name on sandbox_repo_moves (type, lower(old_name))`.execute(db);
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results?.find((result) => result.status === "Error");
  if (error || failed) {
    throw new Error(`database migration ${failed?.migrationName ?? ""} failed: ${String(error)}`, { cause: error });
  }
}
