import type { DiscussionDetails } from "../types/public.js";
import { type CreateDiscussionParams, openDiscussion } from "./create-discussion.js";

/** Opens a draft pull request (ref `refs/pr/{num}`); commit to that ref with `uploadFile({ branch })`. */
export async function createPullRequest(params: CreateDiscussionParams): Promise<DiscussionDetails> {
  return openDiscussion(params, true);
}
