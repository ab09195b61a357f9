import type { DiscussionParams } from "../types/public.js";
import { hubRequest } from "../utils/hub-request.js";
import { repoApiPath } from "../utils/repo-designation.js";

/** Merges a pull request into main; fires `discussion` update (merged) and `repo.content` update. */
export async function mergePullRequest(params: DiscussionParams & { comment?: string }): Promise<void> {
  const body = params.comment?.trim() ? { comment: params.comment.trim() } : undefined;
  await hubRequest(params, "POST", repoApiPath(params.repo, `/discussions/${params.num}/merge`), body);
}
