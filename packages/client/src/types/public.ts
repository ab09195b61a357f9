import type { Domain, JobSpecWire, WatchedItem } from "@hubhooks/schemas";

export type { Domain, WatchedItem };

export interface CredentialsParams {
  /** A Hub access token (`hf_…`); defaults to the HF_TOKEN environment variable. */
  accessToken?: string;
  /** Defaults to HF_ENDPOINT, else https://huggingface.co; point it at a hubhooks server to use one. */
  hubUrl?: string;
  /** A custom fetch, e.g. a hubhooks app's `app.fetch` in tests. */
  fetch?: typeof fetch;
}

export interface WebhookInfo {
  id: string;
  /** Null for webhooks that trigger a Job instead of calling a URL. */
  url: string | null;
  /** The spec of the job a job webhook starts a clone of (secrets by name only); null for URL webhooks. */
  job: JobSpecWire | null;
  watched: WatchedItem[];
  domains: Domain[];
  secret: string | null;
  disabled: boolean;
  /** hubhooks servers: why the service disabled the webhook by itself (e.g. the receiver answered 410 Gone). */
  disabledReason?: string;
  /** hubhooks servers: the Standard Webhooks signing secret (`whsec_…`) when deliveries are signed. */
  signingSecret?: string;
  /** hubhooks servers: since when every attempt has failed. */
  failingSince?: Date;
  /** hubhooks servers: from 50 % of the failing window on, when the webhook will be disabled. */
  failureWarning?: string;
  createdAt?: Date;
  updatedAt?: Date;
}

export type RepoType = "model" | "dataset" | "space";

export interface RepoId {
  type: RepoType;
  /** "namespace/name", or "name" for a canonical repo. */
  name: string;
}

/** A repo as `{type, name}` or as the Hub's URLs write it ("user/model", "datasets/user/data"). */
export type RepoDesignation = RepoId | string;

export interface RepoParams extends CredentialsParams {
  repo: RepoDesignation;
}

export interface DiscussionParams extends RepoParams {
  /** The discussion's or pull request's number. */
  num: number;
}

export type DiscussionStatus = "draft" | "open" | "closed" | "merged";

export interface Discussion {
  num: number;
  title: string;
  status: DiscussionStatus;
  isPullRequest: boolean;
  /** The author's user name ("deleted" when the account is gone). */
  author: string;
  createdAt: Date;
  repo: RepoId;
}

export interface DiscussionComment {
  id: string;
  type: "comment";
  author: string;
  createdAt: Date;
  /** Empty when hidden. */
  content: string;
  hidden: boolean;
  edited: boolean;
}

/** A status change, title change or commit in a discussion's timeline. */
export interface DiscussionChange {
  id: string;
  type: "status-change" | "title-change" | "commit";
  author: string;
  createdAt: Date;
  data: Record<string, unknown>;
}

export type DiscussionEvent = DiscussionComment | DiscussionChange;

export interface DiscussionDetails extends Discussion {
  events: DiscussionEvent[];
  /** Pull requests: the merge commit once merged. */
  mergeCommitId?: string;
}
