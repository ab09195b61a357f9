import type { JobSpecWire } from "@hubhooks/schemas";

/** A webhook as the API returns it (the Hub may add keys; they are ignored). */
export interface ApiWebhookInfo {
  id: string;
  url?: string | null;
  job?: JobSpecWire | null;
  watched: Array<{ type: string; name: string }>;
  domains: string[];
  secret?: string | null;
  disabled: boolean;
  disabledReason?: string;
  signingSecret?: string;
  failingSince?: string;
  failureWarning?: string;
  createdAt?: string;
  updatedAt?: string;
}

export interface ApiWebhookResponse {
  webhook: ApiWebhookInfo;
}

export interface ApiAuthor {
  _id?: string;
  name: string;
}

export interface ApiDiscussion {
  num: number;
  title: string;
  status: "draft" | "open" | "closed" | "merged";
  isPullRequest: boolean;
  createdAt: string;
  author?: ApiAuthor;
  repo: { name: string; type: "model" | "dataset" | "space" };
}

export interface ApiDiscussionEvent {
  id: string;
  type: string;
  createdAt: string;
  author?: ApiAuthor;
  data: Record<string, unknown> & { hidden?: boolean; edited?: boolean; latest?: { raw: string } };
}

export interface ApiDiscussionDetails extends ApiDiscussion {
  events: ApiDiscussionEvent[];
  changes?: { base: string; mergeCommitId?: string };
}
