// The relay's and the Jobs' tables, and the API rate counts shared on PostgreSQL.
import type { ColumnType } from "kysely";

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
  /** The delivery (and its attempt number) of a job webhook that started it; null for every other job. */
  delivery_id: ColumnType<string | null, string | null | undefined, string | null>;
  delivery_attempt: ColumnType<number | null, number | null | undefined, number | null>;
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
