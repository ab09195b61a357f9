import type { RepoParams } from "../types/public.js";
import { toBase64 } from "../utils/base64.js";
import { hubRequest } from "../utils/hub-request.js";
import { repoApiPath } from "../utils/repo-designation.js";

export interface UploadFileParams extends RepoParams {
  file: { path: string; content: string | Uint8Array | Blob };
  commitTitle?: string;
  commitDescription?: string;
  /** "main" (default) or a pull request's ref, "refs/pr/3". */
  branch?: string;
  /** Open a pull request with the commit instead of committing to the branch. */
  isPullRequest?: boolean;
}

export interface CommitOutput {
  commit: { oid: string; url: string };
  pullRequestUrl?: string;
}

/**
 * Commits one small file inline (the NDJSON commit format, base64 content; no LFS), as `huggingface_hub` sends
 * it; fires `repo.content` update.
 */
export async function uploadFile(params: UploadFileParams): Promise<CommitOutput> {
  const { content } = params.file;
  const bytes =
    typeof content === "string"
      ? new TextEncoder().encode(content)
      : content instanceof Uint8Array
        ? content
        : new Uint8Array(await content.arrayBuffer());
  const header = {
    key: "header",
    value: { summary: params.commitTitle ?? `Upload ${params.file.path}`, description: params.commitDescription ?? "" },
  };
  const file = {
    key: "file",
    value: { path: params.file.path, content: toBase64(bytes), encoding: "base64" },
  };
  const revision = encodeURIComponent(params.branch ?? "main");
  const query = params.isPullRequest ? "?create_pr=1" : "";
  const ndjson = `${JSON.stringify(header)}\n${JSON.stringify(file)}\n`;
  const wire = await hubRequest<{ commitOid: string; commitUrl: string; pullRequestUrl?: string }>(
    params,
    "POST",
    repoApiPath(params.repo, `/commit/${revision}${query}`),
    ndjson,
    "application/x-ndjson",
  );
  return {
    commit: { oid: wire.commitOid, url: wire.commitUrl },
    ...(wire.pullRequestUrl && { pullRequestUrl: wire.pullRequestUrl }),
  };
}
