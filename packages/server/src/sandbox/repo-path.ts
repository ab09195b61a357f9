import { apiError } from "../core/errors.js";

/** Segments the Hub refuses anywhere in a path (huggingface_hub refuses them client-side too). */
const FORBIDDEN_SEGMENTS = new Set([".", "..", ".git", ".cache"]);
/** Backslashes (a Windows separator: `..\x` is a traversal there), controls, and bidi controls that disguise names. */
const UNSAFE = /[\\\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
export const MAX_PATH_LENGTH = 1000;

/** Why the Hub would refuse `path` as a file's path in a repo, or undefined when it is fine. */
export function repoPathProblem(path: string): string | undefined {
  if (path === "") return "the path is empty";
  if (path.length > MAX_PATH_LENGTH) return `longer than ${MAX_PATH_LENGTH} characters`;
  if (path.startsWith("/")) return "paths are relative to the repo's root, not absolute";
  if (UNSAFE.test(path)) return "backslashes, control characters and bidirectional-text controls are not allowed";
  const segments = path.split("/");
  if (segments.includes("")) return 'empty segments ("a//b", or a trailing "/") are not allowed';
  const forbidden = segments.find((segment) => FORBIDDEN_SEGMENTS.has(segment.toLowerCase()));
  if (forbidden === "." || forbidden === "..") return `"${forbidden}" segments are not allowed`;
  if (forbidden) return `files inside ${forbidden} are not allowed`;
  return undefined;
}

/**
 * A file's path as a commit or preupload names it; a refused path is a 422 naming it (quoted as JSON, so its
 * control characters show). A folder deletion's path may end with "/", as huggingface_hub sends it.
 */
export function checkedRepoPath(path: string, where: string, options: { folder?: boolean } = {}): string {
  const bare = options.folder && path.endsWith("/") ? path.slice(0, -1) : path;
  const problem = repoPathProblem(bare);
  if (problem) throw apiError(422, `${where}: invalid path ${JSON.stringify(bare.slice(0, 200))}: ${problem}`);
  return bare;
}
