import { apiError } from "../core/errors.js";
import { assertNoNul } from "../core/json-body.js";
import type { FileChange } from "./content-store.js";
import { checkedRepoPath } from "./repo-path.js";

/** Largest file the sandbox keeps inline (in the database); bigger ones go through LFS (objects on disk). */
export const MAX_FILE_BYTES = 1024 * 1024;

export interface ParsedCommit {
  summary: string;
  description: string;
  /** The commit the client based this one on: the commit fails (412) if the branch moved since. */
  parentCommit?: string;
  changes: FileChange[];
}

function checkedPath(path: unknown, line: number, folder = false): string {
  if (typeof path !== "string") throw apiError(400, `line ${line}: "path" must be a relative path in the repo`);
  return checkedRepoPath(path, `line ${line}`, { folder });
}

/**
 * The NDJSON commit format `huggingface_hub` sends: a `header` line with the message, then `file` lines
 * (inline base64 content), `lfsFile` lines (an uploaded LFS object's sha256, and its size unless copied),
 * `deletedFile` and `deletedFolder` lines.
 */
export function parseCommitBody(text: string): ParsedCommit {
  assertNoNul(text);
  const commit: ParsedCommit = { summary: "", description: "", changes: [] };
  const lines = text.split("\n");
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "") return;
    let item: { key?: unknown; value?: Record<string, unknown> };
    try {
      item = JSON.parse(raw);
    } catch {
      throw apiError(400, `line ${line}: not valid JSON`);
    }
    const value = item?.value;
    if (typeof value !== "object" || value === null) throw apiError(400, `line ${line}: expected {"key", "value"}`);
    switch (item.key) {
      case "header":
        commit.summary = String(value.summary ?? "").trim();
        commit.description = String(value.description ?? "");
        if (value.parentCommit !== undefined && value.parentCommit !== null) {
          if (typeof value.parentCommit !== "string" || !/^[0-9a-f]{40}$/.test(value.parentCommit)) {
            throw apiError(400, `line ${line}: "parentCommit" must be a commit id (40 hex characters)`);
          }
          commit.parentCommit = value.parentCommit;
        }
        return;
      case "file": {
        const path = checkedPath(value.path, line);
        if (value.encoding !== "base64" || typeof value.content !== "string") {
          throw apiError(400, `line ${line}: a file needs base64 "content" and "encoding": "base64"`);
        }
        const content = Buffer.from(value.content, "base64");
        if (content.length > MAX_FILE_BYTES) {
          throw apiError(
            413,
            `${path} is ${content.length} bytes: the sandbox keeps files of at most ${MAX_FILE_BYTES} bytes`,
          );
        }
        commit.changes.push({ path, content });
        return;
      }
      case "deletedFile":
      case "deletedFolder":
        commit.changes.push({
          path: checkedPath(value.path, line, item.key === "deletedFolder"),
          deleted: true,
          folder: item.key === "deletedFolder",
        });
        return;
      case "lfsFile": {
        // The object must have been uploaded through the LFS batch API: resolveLfsChanges checks and sizes it.
        const path = checkedPath(value.path, line);
        if (value.algo !== undefined && value.algo !== "sha256")
          throw apiError(400, `line ${line}: "algo" must be "sha256"`);
        if (typeof value.oid !== "string" || !/^[0-9a-f]{64}$/.test(value.oid)) {
          throw apiError(400, `line ${line}: "oid" must be the object's sha256 (64 lowercase hex characters)`);
        }
        const size = value.size;
        if (size !== undefined && (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0)) {
          throw apiError(400, `line ${line}: "size" must be the object's size in bytes`);
        }
        commit.changes.push({ path, content: Buffer.alloc(0), lfs: { sha256: value.oid, size: size ?? -1 } });
        return;
      }
      default:
        throw apiError(400, `line ${line}: unknown key ${JSON.stringify(item.key)}`);
    }
  });
  if (!commit.summary) throw apiError(400, "The commit needs a header line with a summary (the commit message)");
  if (commit.changes.length === 0) throw apiError(400, "The commit changes no file");
  return commit;
}
