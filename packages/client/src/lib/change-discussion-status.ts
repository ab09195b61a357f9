import type { DiscussionChange, DiscussionParams } from "../types/public.js";
import type { ApiDiscussionEvent } from "../types/wire.js";
import { hubRequest } from "../utils/hub-request.js";
import { repoApiPath } from "../utils/repo-designation.js";
import { toDiscussionEvent } from "../utils/to-discussion.js";

/** Closes or reopens a discussion, with an optional comment; fires `discussion` update. */
export async function changeDiscussionStatus(
  params: DiscussionParams & { status: "open" | "closed"; comment?: string },
): Promise<DiscussionChange> {
  const body: Record<string, string> = { status: params.status };
  if (params.comment?.trim()) body.comment = params.comment.trim();
  const { newStatus } = await hubRequest<{ newStatus: ApiDiscussionEvent }>(
    params,
    "POST",
    repoApiPath(params.repo, `/discussions/${params.num}/status`),
    body,
  );
  return toDiscussionEvent(newStatus) as DiscussionChange;
}
