import { randomBytes, randomInt } from "node:crypto";
import { type EventInputBody, isValidRepoName, REPO_TYPES, type RepoType } from "@hubhooks/schemas";
import { InvalidArgumentError } from "commander";

export interface TriggerOptions {
  repo: { type: RepoType; name: string };
  action?: string;
  private?: boolean;
  discussion?: number;
  title?: string;
  pr?: boolean;
  comment?: string;
  ref?: string;
}

const sha = () => randomBytes(20).toString("hex");

/** `model/ns/name`, `datasets/ns/name` or `ns/name` (a model). */
export function parseRepo(value: string): TriggerOptions["repo"] {
  const parts = value.split("/");
  const maybeType = parts.length === 3 ? (parts[0] ?? "").replace(/s$/, "") : "model";
  const name = parts.length === 3 ? parts.slice(1).join("/") : value;
  if (!(REPO_TYPES as readonly string[]).includes(maybeType) || !isValidRepoName(name)) {
    throw new InvalidArgumentError('expected "<namespace>/<name>" or "<model|dataset|space>/<namespace>/<name>"');
  }
  return { type: maybeType as RepoType, name };
}

/** A realistic event for `scope`: fresh SHAs and refs for repo events, a discussion and comment for community ones. */
export function buildEvent(scope: string, options: TriggerOptions): EventInputBody {
  const isDiscussion = scope.startsWith("discussion");
  const action = (options.action ?? (isDiscussion ? "create" : "update")) as EventInputBody["event"]["action"];
  const headSha = sha();
  const event: EventInputBody = {
    event: { action, scope },
    repo: { ...options.repo, private: options.private ?? false, ...(!isDiscussion && { headSha }) },
  };
  if (scope === "repo.content") {
    const ref = options.ref ?? "refs/heads/main";
    event.updatedRefs = [{ ref, oldSha: action === "create" ? null : sha(), newSha: headSha }];
  }
  if (scope.startsWith("repo.config")) event.updatedConfig = { private: options.private ?? false };
  if (isDiscussion || options.discussion !== undefined) {
    event.discussion = {
      num: options.discussion ?? randomInt(1, 100),
      title: options.title ?? (options.pr ? "Update README.md" : "Question about this repo"),
      isPullRequest: options.pr ?? false,
    };
    if (options.comment !== undefined || scope.startsWith("discussion.comment") || action === "create") {
      event.comment = { content: options.comment ?? "Sent with hubhooks trigger." };
    }
  }
  return event;
}
