import type { ColumnType, Generated, Insertable, Selectable } from "kysely";
import type {
  ApiRateCountsTable,
  JobLogsTable,
  JobsTable,
  RelayChannelsTable,
  RelayEventsTable,
  ScheduledJobsTable,
} from "./schema-relay-jobs.js";
import type {
  SandboxChangesTable,
  SandboxCommitsTable,
  SandboxDiscussionEventsTable,
  SandboxDiscussionsTable,
  SandboxFilesTable,
  SandboxLfsObjectsTable,
  SandboxLfsUploadsTable,
  SandboxLoopTripsTable,
  SandboxRefsTable,
  SandboxRepoMovesTable,
  SandboxReposTable,
  SandboxSpaceSettingsTable,
} from "./schema-sandbox.js";

// Timestamps are epoch milliseconds and booleans are 0/1 integers in both dialects, so rows look the same
// whichever database is behind them; JSON columns are text.

export interface UsersTable {
  id: string;
  name: string;
  publisher: number;
  created_at: number;
}

export interface TokensTable {
  token_hash: string;
  user_id: string;
  created_at: number;
}

export interface OrgsTable {
  id: string;
  name: string;
  created_at: number;
}

export interface OrgMembersTable {
  org_id: string;
  user_id: string;
}

export interface WebhooksTable {
  id: string;
  owner_id: string;
  url: string;
  secret: string | null;
  /** JSON array of domains. */
  domains: string;
  disabled: number;
  /** Why the service disabled the webhook by itself (e.g. the receiver answered 410 Gone); null otherwise. */
  disabled_reason: string | null;
  /** Standard Webhooks signing secret (`whsec_…`), when the owner turned signing on. */
  signing_secret: string | null;
  /** The secret before the last rotation, still used to sign until `previous_signing_expires_at`. */
  previous_signing_secret: string | null;
  previous_signing_expires_at: number | null;
  /** When the current streak of failed attempts began; null after a success. */
  failing_since: number | null;
  created_at: number;
  updated_at: number;
}

export interface WebhookWatchedTable {
  webhook_id: string;
  position: number;
  type: string;
  name: string;
}

export interface EventsTable {
  id: string;
  publisher_id: string;
  scope: string;
  action: string;
  repo_name: string;
  /** The v3 payload without its `webhook` block, shared by the event's deliveries (null before 0004). */
  payload: string | null;
  created_at: number;
}

export interface DeliveriesTable {
  id: string;
  webhook_id: string;
  event_id: string;
  /** pending | delivered | failed | rate_limited | cancelled */
  status: string;
  scope: string;
  action: string;
  repo_name: string;
  /** "" when the body is the event's payload plus this webhook's block (from 0004 on); the whole body before. */
  payload: string;
  /** Counts against the webhook's trigger limit (0 for rate_limited rows). */
  counted: number;
  attempts: number;
  /** When the next attempt is due (it stays so while an attempt runs: see leased_until). Null once finished. */
  next_attempt_at: number | null;
  /** The claim that holds it (whose result may write it); set until its result is written. */
  lease_token: string | null;
  /**
   * While an attempt runs, when its lease expires: until then no claim takes the row, after that any may (its
   * worker died). Null when not claimed (0019; rows claimed before it have next_attempt_at at their lease's end).
   */
  leased_until: ColumnType<number | null, number | null | undefined, number | null>;
  last_status_code: number | null;
  last_error: string | null;
  last_duration_ms: number | null;
  /** When bulk recovery last queued it again (null: never). */
  recovered_at: ColumnType<number | null, number | null | undefined, number | null>;
  /** W3C traceparent of the ingest span, while tracing is on (core/tracing.ts). */
  traceparent: ColumnType<string | null, string | null | undefined, string | null>;
  /**
   * A successful first automatic attempt, as JSON of its attempts-table row without `delivery_id`, `attempt`,
   * `trigger` and `error` (1, auto, null); null when that attempt is in `attempts` or none was made (0020).
   */
  first_attempt: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: number;
  updated_at: number;
}

export interface AttemptsTable {
  id: string;
  delivery_id: string;
  attempt: number;
  /** auto | replay */
  trigger: string;
  started_at: number;
  duration_ms: number;
  url: string;
  request_headers: string;
  status_code: number | null;
  response_headers: string;
  response_body: string;
  error: string | null;
}

export interface RecoveriesTable {
  id: string;
  webhook_id: string;
  since: number;
  /** The window's end; -1 when the caller gave none (the window then ends when the job runs). */
  until: number;
  /** running | done */
  status: string;
  queued: number;
  /** Where the job has got to: created_at and id of the last delivery it looked at. */
  cursor_created_at: number;
  cursor_id: string;
  created_at: number;
  updated_at: number;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

/** The trigger limit's running count per webhook (store/trigger-counts.ts). */
export interface TriggerWindowsTable {
  webhook_id: string;
  /** The first whole second (epoch ms / 1000) in the window when last counted. */
  first_bucket: number;
  /** Counted triggers in the webhook's buckets from first_bucket on. */
  total: number;
}

/** Counted triggers per webhook and second. */
export interface TriggerBucketsTable {
  webhook_id: string;
  /** floor(created_at / 1000) */
  bucket: number;
  count: number;
}

/** A publisher's `Idempotency-Key` on `POST /api/events` and the answer it got (kept 24 h). */
export interface IngestRequestsTable {
  publisher_id: string;
  key: string;
  /** sha256 of the request body: the same key with another body is refused. */
  fingerprint: string;
  status: number;
  /** The JSON answer. */
  body: string;
  created_at: number;
}

/** An event id a publisher gave, with what recording it gave (kept 24 h). */
export interface IngestEventIdsTable {
  publisher_id: string;
  event_id: string;
  /** sha256 of the event as posted. */
  fingerprint: string;
  /** JSON of the event's result (eventId, deliveries, …). */
  result: string;
  created_at: number;
}

export interface Database {
  api_rate_counts: ApiRateCountsTable;
  scheduled_jobs: ScheduledJobsTable;
  jobs: JobsTable;
  job_logs: JobLogsTable;
  relay_channels: RelayChannelsTable;
  relay_events: RelayEventsTable;
  ingest_requests: IngestRequestsTable;
  ingest_event_ids: IngestEventIdsTable;
  trigger_windows: TriggerWindowsTable;
  trigger_buckets: TriggerBucketsTable;
  sandbox_repos: SandboxReposTable;
  sandbox_files: SandboxFilesTable;
  sandbox_refs: SandboxRefsTable;
  sandbox_commits: SandboxCommitsTable;
  sandbox_repo_moves: SandboxRepoMovesTable;
  sandbox_discussions: SandboxDiscussionsTable;
  sandbox_discussion_events: SandboxDiscussionEventsTable;
  sandbox_changes: SandboxChangesTable;
  sandbox_loop_trips: SandboxLoopTripsTable;
  sandbox_lfs_objects: SandboxLfsObjectsTable;
  sandbox_lfs_uploads: SandboxLfsUploadsTable;
  sandbox_space_settings: SandboxSpaceSettingsTable;
  recoveries: RecoveriesTable;
  sessions: SessionsTable;
  events: EventsTable;
  deliveries: DeliveriesTable;
  attempts: AttemptsTable;
  users: UsersTable;
  tokens: TokensTable;
  orgs: OrgsTable;
  org_members: OrgMembersTable;
  webhooks: WebhooksTable;
  webhook_watched: WebhookWatchedTable;
}

export type UserRow = Selectable<UsersTable>;
export type WebhookRow = Selectable<WebhooksTable>;
export type NewWebhookRow = Insertable<WebhooksTable>;
export type DeliveryRow = Selectable<DeliveriesTable>;
export type NewDeliveryRow = Insertable<DeliveriesTable>;
export type NewAttemptRow = Insertable<AttemptsTable>;
export type AttemptRow = Selectable<AttemptsTable>;
export type SandboxRepoRow = Selectable<SandboxReposTable>;
export type SandboxDiscussionRow = Selectable<SandboxDiscussionsTable>;
export type SandboxDiscussionEventRow = Selectable<SandboxDiscussionEventsTable>;
export type { Generated };
export type RelayChannelRow = Selectable<RelayChannelsTable>;
export type RelayEventRow = Selectable<RelayEventsTable>;
export type JobRow = Selectable<JobsTable>;
export type ScheduledJobRow = Selectable<ScheduledJobsTable>;
export type {
  ApiRateCountsTable,
  JobLogsTable,
  JobsTable,
  RelayChannelsTable,
  RelayEventsTable,
  ScheduledJobsTable,
} from "./schema-relay-jobs.js";
export type {
  SandboxChangesTable,
  SandboxCommitsTable,
  SandboxDiscussionEventsTable,
  SandboxDiscussionsTable,
  SandboxFilesTable,
  SandboxLfsObjectsTable,
  SandboxLfsUploadsTable,
  SandboxLoopTripsTable,
  SandboxRefsTable,
  SandboxRepoMovesTable,
  SandboxReposTable,
  SandboxSpaceSettingsTable,
} from "./schema-sandbox.js";
