import { type EventInput, namespaceOf, type RepoType } from "@hubhooks/schemas";
import { derivedObjectId } from "../core/derived-id.js";
import { newObjectId } from "../core/ids.js";

const WEB_PREFIX = { model: "", dataset: "datasets/", space: "spaces/" } as const;

/** A repo's page on the Hub (`/user/model`, `/datasets/user/data`, `/spaces/user/app`); "" gives the path. */
export function repoWebUrl(hubUrl: string, type: RepoType, name: string): string {
  return `${hubUrl}/${WEB_PREFIX[type]}${name}`;
}

export interface PayloadContext {
  hubUrl: string;
  /** The real id of the repo's namespace when it is a known user or org. */
  ownerId: string | undefined;
  /** Author of discussions and comments when the event does not say. */
  authorId: string;
}

/**
 * The v3 payload the Hub would send, without the per-webhook `webhook` block. Fields are filled the way the
 * Hub fills them: stable ids per repo and discussion, URLs from the public hub URL, headSha only on repo scopes,
 * no comment content when the comment is hidden.
 */
export function buildBasePayload(input: EventInput, context: PayloadContext): Record<string, unknown> {
  const { repo, event } = input;
  const namespace = namespaceOf(repo.name) ?? repo.name;
  const web = repoWebUrl(context.hubUrl, repo.type, repo.name);
  const api = `${context.hubUrl}/api/${repo.type}s/${repo.name}`;
  const payload: Record<string, unknown> = {
    event: { action: event.action, scope: event.scope },
    repo: {
      type: repo.type,
      name: repo.name,
      id: repo.id ?? derivedObjectId(repo.type, repo.name),
      private: repo.private,
      url: { web, api },
      owner: repo.owner ?? { id: context.ownerId ?? derivedObjectId("namespace", namespace) },
      ...(event.scope.startsWith("repo") && repo.headSha && { headSha: repo.headSha }),
      ...(repo.type === "space" && { subdomain: repo.subdomain ?? spaceSubdomain(repo.name) }),
      ...(repo.tags && { tags: repo.tags }),
    },
  };
  if (input.discussion) {
    const { discussion } = input;
    const discussionWeb = `${web}/discussions/${discussion.num}`;
    payload.discussion = {
      id: discussion.id ?? derivedObjectId("discussion", `${repo.type}/${repo.name}#${discussion.num}`),
      title: discussion.title,
      url: { web: discussionWeb, api: `${api}/discussions/${discussion.num}` },
      status: discussion.status,
      author: discussion.author ?? { id: context.authorId },
      num: discussion.num,
      isPullRequest: discussion.isPullRequest,
      ...(discussion.isPullRequest && { changes: discussion.changes ?? { base: "refs/heads/main" } }),
      ...(discussion.pinned !== undefined && { pinned: discussion.pinned }),
    };
    if (input.comment) {
      const id = input.comment.id ?? newObjectId();
      payload.comment = {
        id,
        author: input.comment.author ?? { id: context.authorId },
        ...(!input.comment.hidden && { content: input.comment.content ?? "" }),
        hidden: input.comment.hidden,
        url: { web: `${discussionWeb}#${id}` },
      };
    }
  }
  if (input.updatedRefs) payload.updatedRefs = input.updatedRefs;
  if (input.updatedConfig) payload.updatedConfig = input.updatedConfig;
  if (input.movedTo) {
    const newNamespace = namespaceOf(input.movedTo.name) ?? input.movedTo.name;
    payload.movedTo = {
      name: input.movedTo.name,
      owner: input.movedTo.owner ?? { id: derivedObjectId("namespace", newNamespace) },
    };
  }
  return payload;
}

/** The subdomain a Space is served on, as payloads and repo info report it. */
export function spaceSubdomain(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
