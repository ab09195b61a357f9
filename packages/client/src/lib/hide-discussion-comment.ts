import type { DiscussionComment, DiscussionParams } from "../types/public.js";
import type { ApiDiscussionEvent } from "../types/wire.js";
import { hubRequest } from "../utils/hub-request.js";
import { repoApiPath } from "../utils/repo-designation.js";
import { toDiscussionEvent } from "../utils/to-discussion.js";

/** Hides a comment, for good (its content is gone from the API); fires `discussion.comment` update. */
export async function hideDiscussionComment(
  params: DiscussionParams & { commentId: string },
): Promise<DiscussionComment> {
  const path = repoApiPath(params.repo, `/discussions/${params.num}/comment/${params.commentId.toLowerCase()}/hide`);
  const { updatedComment } = await hubRequest<{ updatedComment: ApiDiscussionEvent }>(params, "POST", path);
  return toDiscussionEvent(updatedComment) as DiscussionComment;
}
