import type { Discussion, RepoParams } from "../types/public.js";
import type { ApiDiscussion } from "../types/wire.js";
import { hubRequest } from "../utils/hub-request.js";
import { repoApiPath } from "../utils/repo-designation.js";
import { toDiscussion } from "../utils/to-discussion.js";

export interface ListDiscussionsParams extends RepoParams {
  type?: "all" | "discussion" | "pull_request";
  status?: "all" | "open" | "closed";
  /** A user name. */
  author?: string;
}

/** Every discussion and pull request of a repo, newest first, page by page as you iterate. */
export async function* listDiscussions(params: ListDiscussionsParams): AsyncGenerator<Discussion> {
  const query = new URLSearchParams();
  if (params.type) query.set("type", params.type);
  if (params.status) query.set("status", params.status);
  if (params.author) query.set("author", params.author);
  for (let page = 0; ; page++) {
    query.set("p", String(page));
    const path = repoApiPath(params.repo, `/discussions?${query}`);
    const { discussions, count, start } = await hubRequest<{
      discussions: ApiDiscussion[];
      count: number;
      start: number;
    }>(params, "GET", path);
    for (const discussion of discussions) yield toDiscussion(discussion);
    if (discussions.length === 0 || start + discussions.length >= count) return;
  }
}
