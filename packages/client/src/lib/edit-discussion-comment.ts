import type { DiscussionComment, DiscussionParams } from "../types/public.js";
import type { ApiDiscussionEvent } from "../types/wire.js";
import { hubRequest } from "../utils/hub-request.js";
import { repoApiPath } from "../utils/repo-designation.js";
import { toDiscussionEvent } from "../utils/to-discussion.js";

/** Replaces the text of one's own comment; fires `discussion.comment` update. */
export async function editDiscussionComment(
  params: DiscussionParams & { commentId: string; content: string },
): Promise<DiscussionComment> {
  const path = repoApiPath(params.repo, `/discussions/${params.num}/comment/${params.commentId.toLowerCase()}/edit`);
  const { updatedComment } = await hubRequest<{ updatedComment: ApiDiscussionEvent }>(params, "POST", path, {
    content: params.content,
  });
  return toDiscussionEvent(updatedComment) as DiscussionComment;
}
