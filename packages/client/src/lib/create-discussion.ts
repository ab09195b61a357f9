import type { DiscussionDetails, RepoParams } from "../types/public.js";
import { hubRequest } from "../utils/hub-request.js";
import { repoApiPath } from "../utils/repo-designation.js";
import { getDiscussion } from "./get-discussion.js";

export interface CreateDiscussionParams extends RepoParams {
  title: string;
  /** The first comment. */
  description?: string;
}

/** Opens a discussion (its description is the first comment); fires `discussion` create. */
export async function createDiscussion(params: CreateDiscussionParams): Promise<DiscussionDetails> {
  return openDiscussion(params, false);
}

export async function openDiscussion(params: CreateDiscussionParams, pullRequest: boolean): Promise<DiscussionDetails> {
  const body = { title: params.title.trim(), description: params.description?.trim() ?? "", pullRequest };
  const { num } = await hubRequest<{ num: number }>(params, "POST", repoApiPath(params.repo, "/discussions"), body);
  return getDiscussion({ ...params, num });
}
