import type { RepoParams } from "../types/public.js";
import { hubRequest } from "../utils/hub-request.js";
import { toRepoId } from "../utils/repo-designation.js";

export interface CreateRepoParams extends RepoParams {
  private?: boolean;
  /** hubhooks sandbox, publisher tokens: a repo without a namespace ("gpt2"), as the Hub's canonical repos. */
  canonical?: boolean;
}

/** Creates `namespace/name` (the token's user or one of its orgs); fires `repo` create. */
export async function createRepo(params: CreateRepoParams): Promise<{ repoUrl: string; id: string }> {
  const { type, name } = toRepoId(params.repo);
  const slash = name.indexOf("/");
  const body = {
    name: slash === -1 ? name : name.slice(slash + 1),
    organization: slash === -1 ? null : name.slice(0, slash),
    type,
    private: params.private ?? false,
    ...(params.canonical && { canonical: true }),
  };
  const { url, id } = await hubRequest<{ url: string; id: string }>(params, "POST", "/api/repos/create", body);
  return { repoUrl: url, id };
}
