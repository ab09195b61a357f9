import type { Discussion, DiscussionDetails, DiscussionEvent } from "../types/public.js";
import type { ApiDiscussion, ApiDiscussionDetails, ApiDiscussionEvent } from "../types/wire.js";

export function toDiscussion(wire: ApiDiscussion): Discussion {
  return {
    num: wire.num,
    title: wire.title,
    status: wire.status,
    isPullRequest: wire.isPullRequest,
    author: wire.author?.name ?? "deleted",
    createdAt: new Date(wire.createdAt),
    repo: { type: wire.repo.type, name: wire.repo.name },
  };
}

export function toDiscussionEvent(wire: ApiDiscussionEvent): DiscussionEvent {
  const common = { id: wire.id, author: wire.author?.name ?? "deleted", createdAt: new Date(wire.createdAt) };
  if (wire.type === "comment") {
    return {
      ...common,
      type: "comment",
      content: wire.data.latest?.raw ?? "",
      hidden: wire.data.hidden === true,
      edited: wire.data.edited === true,
    };
  }
  return { ...common, type: wire.type as "status-change" | "title-change" | "commit", data: wire.data };
}

export function toDiscussionDetails(wire: ApiDiscussionDetails): DiscussionDetails {
  return {
    ...toDiscussion(wire),
    events: wire.events.map(toDiscussionEvent),
    ...(wire.changes?.mergeCommitId && { mergeCommitId: wire.changes.mergeCommitId }),
  };
}
