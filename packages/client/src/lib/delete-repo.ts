import type { RepoParams } from "../types/public.js";
import { hubRequest } from "../utils/hub-request.js";
import { toRepoId } from "../utils/repo-designation.js";

/** Deletes a repo, for good; fires `repo` delete. */
export async function deleteRepo(params: RepoParams): Promise<void> {
  const { type, name } = toRepoId(params.repo);
  const slash = name.indexOf("/");
  const body = { name: name.slice(slash + 1), organization: slash === -1 ? null : name.slice(0, slash), type };
  await hubRequest(params, "DELETE", "/api/repos/delete", body);
}
