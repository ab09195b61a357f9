import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

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
  /** When the next attempt is due; while an attempt runs, when its lease expires. Null once finished. */
  next_attempt_at: number | null;
  lease_token: string | null;
  last_status_code: number | null;
  last_error: string | null;
  last_duration_ms: number | null;
  /** When bulk recovery last queued it again (null: never). */
  recovered_at: ColumnType<number | null, number | null | undefined, number | null>;
  /** W3C traceparent of the ingest span, while tracing is on (core/tracing.ts). */
  traceparent: ColumnType<string | null, string | null | undefined, string | null>;
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

export interface SandboxReposTable {
  id: string;
  type: string;
  /** Full name: "namespace/name", or "name" for a canonical repo. */
  name: string;
  private: number;
  head_sha: string;
  created_by: string;
  next_discussion_num: number;
  created_at: number;
  updated_at: number;
  /** "auto" | "manual" when gated, else null. */
  gated: ColumnType<string | null, string | null | undefined, string | null>;
  /** A Space's sdk as created (gradio, docker, static…). */
  sdk: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SandboxFilesTable {
  repo_id: string;
  ref: string;
  path: string;
  /** base64 */
  content: string;
  size: number;
  /** git blob sha1 */
  oid: string;
  deleted: number;
  /** The commit that last wrote the file on its ref; null for rows from before commits were recorded. */
  commit_sha: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SandboxRepoMovesTable {
  repo_id: string;
  type: string;
  old_name: string;
  moved_at: number;
}

export interface SandboxCommitsTable {
  repo_id: string;
  sha: string;
  parent_sha: string | null;
  title: string;
  message: string;
  author_id: string | null;
  created_at: number;
}

export interface SandboxRefsTable {
  repo_id: string;
  ref: string;
  sha: string;
}

export interface SandboxDiscussionsTable {
  id: string;
  repo_id: string;
  num: number;
  title: string;
  is_pull_request: number;
  /** draft | open | closed | merged */
  status: string;
  author_id: string;
  merge_commit_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface SandboxDiscussionEventsTable {
  id: string;
  discussion_id: string;
  /** comment | status-change | title-change | commit */
  type: string;
  author_id: string;
  /** JSON, the shape of the type */
  data: string;
  created_at: number;
  updated_at: number;
}

export interface SandboxChangesTable {
  id: string;
  webhook_id: string;
  actor_id: string;
  created_at: number;
}

export interface SandboxLoopTripsTable {
  id: string;
  webhook_id: string;
  actor_id: string;
  changes: number;
  created_at: number;
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

export interface RelayChannelsTable {
  /** 192 random bits: the channel's public URL is its only secret. */
  id: string;
  owner_id: string;
  name: string;
  /** Set for the channel that streams a webhook's deliveries to `hubhooks listen --webhook`. */
  webhook_id: string | null;
  /** The seq of the channel's next event (its order of arrival). */
  next_seq: number;
  /** Last sign of life of a connected listener; null when none is connected. */
  listener_seen_at: number | null;
  created_at: number;
}

export interface RelayEventsTable {
  id: string;
  channel_id: string;
  seq: number;
  method: string;
  path: string;
  /** JSON array of [name, value] pairs, as received. */
  headers: string;
  /** base64 of the body bytes. */
  body: string;
  size: number;
  delivery_id: string | null;
  received_at: number;
  /** Times sent to a listener. */
  sends: number;
  /** When a listener acknowledged it (null: it is sent again to the next listener). */
  acked_at: number | null;
  answer_status: number | null;
  answer_duration_ms: number | null;
  answer_body: string | null;
  answer_error: string | null;
  answered_at: number | null;
}

/** API requests per key and minute, shared by the processes on one PostgreSQL (core/api-rate-limit.ts). */
export interface ApiRateCountsTable {
  key: string;
  window_start: number;
  count: number;
}

export interface JobsTable {
  id: string;
  /** The namespace the job runs in: a user's id or an org's id. */
  owner_id: string;
  owner_name: string;
  /** user | org */
  owner_type: string;
  /** The user who asked for it (a webhook's owner when a delivery started it). */
  created_by: string;
  /** JSON: command, arguments, environment, secrets (values, never returned), flavor, dockerImage|spaceId, timeoutSeconds. */
  spec: string;
  /** JSON object of labels, or null. */
  labels: string | null;
  /** SCHEDULING | RUNNING | COMPLETED | ERROR | CANCELED | DELETED */
  stage: string;
  message: string | null;
  /** JSON {type, id, name?} of who started it, or null. */
  initiator: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  /** Refreshed by the runner while the job runs: a stale one means its process died. */
  heartbeat_at: number | null;
  /** The runner (process) that claimed it. */
  runner_token: string | null;
  log_bytes: number;
  log_lines: number;
}

export interface JobLogsTable {
  job_id: string;
  seq: number;
  at: number;
  line: string;
}

export interface ScheduledJobsTable {
  id: string;
  owner_id: string;
  owner_name: string;
  owner_type: string;
  created_by: string;
  /** JSON, as `jobs.spec`. */
  spec: string;
  labels: string | null;
  schedule: string;
  suspend: number;
  /** 1: a run may start while the last one is still running. */
  concurrency: number;
  /** The next due time; null while suspended. Advanced by exactly one scheduler per due time. */
  next_run_at: number | null;
  last_job_id: string | null;
  last_job_at: number | null;
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
