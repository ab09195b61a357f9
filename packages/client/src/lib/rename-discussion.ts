import type { DiscussionChange, DiscussionParams } from "../types/public.js";
import type { ApiDiscussionEvent } from "../types/wire.js";
import { hubRequest } from "../utils/hub-request.js";
import { repoApiPath } from "../utils/repo-designation.js";
import { toDiscussionEvent } from "../utils/to-discussion.js";

/** Changes a discussion's title; fires `discussion` update. */
export async function renameDiscussion(params: DiscussionParams & { title: string }): Promise<DiscussionChange> {
  const { newTitle } = await hubRequest<{ newTitle: ApiDiscussionEvent }>(
    params,
    "POST",
    repoApiPath(params.repo, `/discussions/${params.num}/title`),
    { title: params.title },
  );
  return toDiscussionEvent(newTitle) as DiscussionChange;
}
