export type {
  JobHardwareInfo,
  JobInfo,
  JobSpecWire,
  JobStage,
  RelayAnswer,
  RelayChannel,
  RelayEvent,
  RelayEventSummary,
  ScheduledJobInfo,
} from "@hubhooks/schemas";
export { createApiError, HubApiError, HubConnectionError } from "./error.js";
export { acknowledgeRelayEvent } from "./lib/acknowledge-relay-event.js";
export { cancelJob } from "./lib/cancel-job.js";
export { changeDiscussionStatus } from "./lib/change-discussion-status.js";
export { commentDiscussion } from "./lib/comment-discussion.js";
export { type CreateDiscussionParams, createDiscussion } from "./lib/create-discussion.js";
export { createPullRequest } from "./lib/create-pull-request.js";
export { createRelayChannel } from "./lib/create-relay-channel.js";
export { type CreateRepoParams, createRepo } from "./lib/create-repo.js";
export { type CreateScheduledJobParams, createScheduledJob } from "./lib/create-scheduled-job.js";
export { type CreateWebhookParams, createWebhook } from "./lib/create-webhook.js";
export { deleteRelayChannel } from "./lib/delete-relay-channel.js";
export { deleteRepo } from "./lib/delete-repo.js";
export { deleteWebhook } from "./lib/delete-webhook.js";
export { disableSigning } from "./lib/disable-signing.js";
export { disableWebhook } from "./lib/disable-webhook.js";
export { editDiscussionComment } from "./lib/edit-discussion-comment.js";
export { enableWebhook } from "./lib/enable-webhook.js";
export { type FetchJobLogsParams, fetchJobLogs } from "./lib/fetch-job-logs.js";
export { getDelivery } from "./lib/get-delivery.js";
export { getDiscussion } from "./lib/get-discussion.js";
export { getRelayChannel } from "./lib/get-relay-channel.js";
export { getRelayEvent } from "./lib/get-relay-event.js";
export { getWebhook } from "./lib/get-webhook.js";
export { getWebhookRelayChannel } from "./lib/get-webhook-relay-channel.js";
export { hideDiscussionComment } from "./lib/hide-discussion-comment.js";
export { inspectJob } from "./lib/inspect-job.js";
export { type ListDeliveriesParams, listDeliveries } from "./lib/list-deliveries.js";
export { type ListDiscussionsParams, listDiscussions } from "./lib/list-discussions.js";
export { type ListJobsParams, listJobs } from "./lib/list-jobs.js";
export { listJobsHardware } from "./lib/list-jobs-hardware.js";
export { listRelayChannels } from "./lib/list-relay-channels.js";
export { listRelayEvents } from "./lib/list-relay-events.js";
export { listWebhooks } from "./lib/list-webhooks.js";
export { listenRelayChannel, type RelayMessage } from "./lib/listen-relay-channel.js";
export { mergePullRequest } from "./lib/merge-pull-request.js";
export { type MoveRepoParams, moveRepo } from "./lib/move-repo.js";
export { type PublishedEvent, publishEvents } from "./lib/publish-events.js";
export { getRecovery, type RecoverDeliveriesParams, recoverDeliveries } from "./lib/recover-deliveries.js";
export { renameDiscussion } from "./lib/rename-discussion.js";
export { replayDelivery } from "./lib/replay-delivery.js";
export { replayRelayEvent } from "./lib/replay-relay-event.js";
export { rotateSigningSecret } from "./lib/rotate-signing-secret.js";
export { type RunJobParams, runJob } from "./lib/run-job.js";
export {
  deleteScheduledJob,
  inspectScheduledJob,
  listScheduledJobs,
  resumeScheduledJob,
  runScheduledJob,
  suspendScheduledJob,
  updateScheduledJobLabels,
} from "./lib/scheduled-jobs.js";
export { updateJobLabels } from "./lib/update-job-labels.js";
export { type UpdateRepoSettingsParams, updateRepoSettings } from "./lib/update-repo-settings.js";
export { type UpdateWebhookParams, updateWebhook } from "./lib/update-webhook.js";
export { type CommitOutput, type UploadFileParams, uploadFile } from "./lib/upload-file.js";
export { type WhoAmI, whoAmI } from "./lib/who-am-i.js";
export type {
  CredentialsParams,
  Discussion,
  DiscussionChange,
  DiscussionComment,
  DiscussionDetails,
  DiscussionEvent,
  DiscussionParams,
  DiscussionStatus,
  Domain,
  RepoDesignation,
  RepoId,
  RepoParams,
  RepoType,
  WatchedItem,
  WebhookInfo,
} from "./types/public.js";
export type { ApiWebhookInfo } from "./types/wire.js";
export { resolveHubUrl } from "./utils/hub-request.js";
export { toRepoId } from "./utils/repo-designation.js";
