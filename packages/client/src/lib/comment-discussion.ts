import type { DiscussionComment, DiscussionParams } from "../types/public.js";
import type { ApiDiscussionEvent } from "../types/wire.js";
import { hubRequest } from "../utils/hub-request.js";
import { repoApiPath } from "../utils/repo-designation.js";
import { toDiscussionEvent } from "../utils/to-discussion.js";

/** Posts a comment (markdown); fires `discussion.comment` create. */
export async function commentDiscussion(params: DiscussionParams & { comment: string }): Promise<DiscussionComment> {
  const { newMessage } = await hubRequest<{ newMessage: ApiDiscussionEvent }>(
    params,
    "POST",
    repoApiPath(params.repo, `/discussions/${params.num}/comment`),
    { comment: params.comment },
  );
  return toDiscussionEvent(newMessage) as DiscussionComment;
}
