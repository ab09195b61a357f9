// Migrations live in code (not files on disk) so the compiled package runs from anywhere.

import { accountsAndWebhooks } from "./0001-accounts-and-webhooks.js";
import { eventsAndDeliveries } from "./0002-events-and-deliveries.js";
import { uiSessions } from "./0003-ui-sessions.js";
import { payloadOncePerEvent } from "./0004-payload-once-per-event.js";
import { disabledReason } from "./0005-disabled-reason.js";
import { signingSecrets } from "./0006-signing-secrets.js";
import { failingSince } from "./0007-failing-since.js";
import { recoveries } from "./0008-recoveries.js";
import { sandbox } from "./0009-sandbox.js";
import { triggerCounts } from "./0010-trigger-counts.js";
import { ingestIdempotency } from "./0011-ingest-idempotency.js";
import { relayChannels } from "./0012-relay-channels.js";
import { recoveryBudget } from "./0013-recovery-budget.js";
import { apiRateCounts } from "./0014-api-rate-counts.js";
import { deliveryTraceparent } from "./0015-delivery-traceparent.js";
import { jobs } from "./0016-jobs.js";
import { scheduledJobs } from "./0017-scheduled-jobs.js";
import { sandboxCommits } from "./0018-sandbox-commits.js";
import { jobDeliveries } from "./0019-job-deliveries.js";
import { sandboxLfs } from "./0020-sandbox-lfs.js";
import { sandboxSpaces } from "./0021-sandbox-spaces.js";
import { sandboxRepoNames } from "./0022-sandbox-repo-names.js";
import { deliveryLease } from "./0023-delivery-lease.js";
import { firstAttemptInRow } from "./0024-first-attempt-in-row.js";
import type { Migration } from "./migration.js";

export type { Migration } from "./migration.js";

/**
 * Every migration, in the order they run. Names are stored in each database (table kysely_migration): never rename
 * or edit one that was released; a change is a new migration at the end. There is no way down: forward only.
 */
export const MIGRATIONS: ReadonlyArray<readonly [name: string, migration: Migration]> = [
  ["0001_accounts_and_webhooks", accountsAndWebhooks],
  ["0002_events_and_deliveries", eventsAndDeliveries],
  ["0003_ui_sessions", uiSessions],
  ["0004_payload_once_per_event", payloadOncePerEvent],
  ["0005_disabled_reason", disabledReason],
  ["0006_signing_secrets", signingSecrets],
  ["0007_failing_since", failingSince],
  ["0008_recoveries", recoveries],
  ["0009_sandbox", sandbox],
  ["0010_trigger_counts", triggerCounts],
  ["0011_ingest_idempotency", ingestIdempotency],
  ["0012_relay_channels", relayChannels],
  ["0013_recovery_budget", recoveryBudget],
  ["0014_api_rate_counts", apiRateCounts],
  ["0015_delivery_traceparent", deliveryTraceparent],
  ["0016_jobs", jobs],
  ["0017_scheduled_jobs", scheduledJobs],
  ["0018_sandbox_commits", sandboxCommits],
  ["0019_job_deliveries", jobDeliveries],
  ["0020_sandbox_lfs", sandboxLfs],
  ["0021_sandbox_spaces", sandboxSpaces],
  ["0022_sandbox_repo_names", sandboxRepoNames],
  ["0023_delivery_lease", deliveryLease],
  ["0024_first_attempt_in_row", firstAttemptInRow],
];

/** The newest migration this code knows: a database at another head was migrated by another release. */
export const LATEST_MIGRATION = (MIGRATIONS.at(-1) as readonly [string, Migration])[0];
