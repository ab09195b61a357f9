import type { RepoParams } from "../types/public.js";
import { hubRequest } from "../utils/hub-request.js";
import { repoApiPath } from "../utils/repo-designation.js";

export interface UpdateRepoSettingsParams extends RepoParams {
  private?: boolean;
  gated?: false | "auto" | "manual";
}

/** Changes a repo's settings; fires `repo.config` update (with `updatedConfig.private` when that changed). */
export async function updateRepoSettings(params: UpdateRepoSettingsParams): Promise<void> {
  const body: Record<string, unknown> = {};
  if (params.private !== undefined) body.visibility = params.private ? "private" : "public";
  if (params.gated !== undefined) body.gated = params.gated;
  await hubRequest(params, "PUT", repoApiPath(params.repo, "/settings"), body);
}
