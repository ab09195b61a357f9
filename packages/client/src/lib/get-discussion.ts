import type { DiscussionDetails, DiscussionParams } from "../types/public.js";
import type { ApiDiscussionDetails } from "../types/wire.js";
import { hubRequest } from "../utils/hub-request.js";
import { repoApiPath } from "../utils/repo-designation.js";
import { toDiscussionDetails } from "../utils/to-discussion.js";

/** A discussion or pull request with its whole timeline (comments, status and title changes, commits). */
export async function getDiscussion(params: DiscussionParams): Promise<DiscussionDetails> {
  const wire = await hubRequest<ApiDiscussionDetails>(
    params,
    "GET",
    repoApiPath(params.repo, `/discussions/${params.num}`),
  );
  return toDiscussionDetails(wire);
}
