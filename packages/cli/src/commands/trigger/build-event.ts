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
  /** A move's new name (`--moved-to`); `<name>-moved` when not given. */
  movedTo?: string;
}

const sha = () => randomBytes(20).toString("hex");

/**
 * `[type/]name` or `[type/]namespace/name`: a leading `model/`, `dataset/`, `space/` (or the Hub's URL prefixes
 * `models/`, `datasets/`, `spaces/`) is always the repo type, never a namespace; without one the repo is a model.
 * So `gpt2` and `model/gpt2` are the canonical model, `datasets/squad` the canonical dataset.
 */
export function parseRepo(value: string): TriggerOptions["repo"] {
  const [first = "", ...rest] = value.split("/");
  const prefix = first.replace(/s$/, "");
  const typed = rest.length > 0 && (REPO_TYPES as readonly string[]).includes(prefix);
  const type = (typed ? prefix : "model") as RepoType;
  const name = typed ? rest.join("/") : value;
  if (!isValidRepoName(name)) {
    throw new InvalidArgumentError(
      'expected "[model|dataset|space/]<name>" or "[model|dataset|space/]<namespace>/<name>"',
    );
  }
  return { type, name };
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
  // A repo move says where the repo went, as the Hub's move event does.
  if (scope === "repo" && action === "move") event.movedTo = { name: options.movedTo ?? `${options.repo.name}-moved` };
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
