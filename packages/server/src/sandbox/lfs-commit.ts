import type { Kysely } from "kysely";
import { apiError } from "../core/errors.js";
import type { Database } from "../store/schema.js";
import type { FileChange } from "./content-store.js";
import { blobSize } from "./lfs-blobs.js";
import { lfsPointer } from "./lfs-pointer.js";
import { repoObjects } from "./lfs-store.js";
import type { SandboxRepo } from "./repo-store.js";

/**
 * A commit's `lfsFile` changes made whole: each names an object this repo received (uploaded through its LFS
 * batch and checked) and still on disk, at the size given (a copy gives none: the object's); its content becomes
 * the pointer git would hold. Anything else is a 422 naming the path, and nothing is written.
 */
export async function resolveLfsChanges(
  db: Kysely<Database>,
  root: string,
  repo: SandboxRepo,
  changes: FileChange[],
): Promise<FileChange[]> {
  const wanted = changes.flatMap((change) => ("lfs" in change && change.lfs ? [change.lfs.sha256] : []));
  if (wanted.length === 0) return changes;
  const has = await repoObjects(db, repo.id, wanted);
  const resolved: FileChange[] = [];
  for (const change of changes) {
    if (!("lfs" in change) || !change.lfs) {
      resolved.push(change);
      continue;
    }
    const { sha256, size: given } = change.lfs;
    const size = has.get(sha256);
    if (size === undefined || (await blobSize(root, sha256)) !== size) {
      throw apiError(422, `${change.path}: LFS object ${sha256} was not uploaded to ${repo.name}`);
    }
    if (given !== -1 && given !== size) {
      throw apiError(422, `${change.path}: LFS object ${sha256} is ${size} bytes, not ${given}`);
    }
    resolved.push({ path: change.path, content: lfsPointer(sha256, size), lfs: { sha256, size } });
  }
  return resolved;
}
