import type { EventInput } from "@hubhooks/schemas";
import type { SandboxDiscussionEventRow } from "../store/schema.js";
import { type CommentData, type Discussion, discussionInput } from "./discussion-store.js";
import { repoInput } from "./repo-input.js";
import type { SandboxRepo } from "./repo-store.js";

/** A `discussion` event (create with its first comment, or update), as the Hub sends it. */
export function discussionEvent(
  repo: SandboxRepo,
  discussion: Discussion,
  action: "create" | "update",
  firstComment?: SandboxDiscussionEventRow,
): EventInput {
  return {
    event: { scope: "discussion", action },
    repo: repoInput(repo),
    discussion: discussionInput(discussion),
    ...(firstComment && { comment: commentInput(firstComment) }),
  };
}

/** A `discussion.comment` event: created, or updated (edited or hidden; a hidden comment has no content). */
export function commentEvent(
  repo: SandboxRepo,
  discussion: Discussion,
  comment: SandboxDiscussionEventRow,
  action: "create" | "update",
): EventInput {
  return {
    event: { scope: "discussion.comment", action },
    repo: repoInput(repo),
    discussion: discussionInput(discussion),
    comment: commentInput(comment),
  };
}

function commentInput(row: SandboxDiscussionEventRow): NonNullable<EventInput["comment"]> {
  const data = JSON.parse(row.data) as CommentData;
  return {
    id: row.id,
    author: { id: row.author_id },
    hidden: data.hidden,
    ...(!data.hidden && { content: data.content }),
  };
}
