import type { RepoParams } from "../types/public.js";
import { hubRequest } from "../utils/hub-request.js";
import { toRepoId } from "../utils/repo-designation.js";

export interface MoveRepoParams extends RepoParams {
  /** The new "namespace/name". */
  to: string;
}

/** Renames or transfers a repo; fires `repo` move with `movedTo`. */
export async function moveRepo(params: MoveRepoParams): Promise<void> {
  const { type, name } = toRepoId(params.repo);
  await hubRequest(params, "POST", "/api/repos/move", { fromRepo: name, toRepo: params.to, type });
}
