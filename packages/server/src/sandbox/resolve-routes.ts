import type { RepoType } from "@hubhooks/schemas";
import { type Context, Hono } from "hono";
import type { ServerDeps } from "../core/deps.js";
import { HubCodedError } from "../core/errors.js";
import { byteRange } from "./byte-range.js";
import { fileAt } from "./content-store.js";
import { checkGate } from "./gate.js";
import { blobSize, lfsRoot, readBlob } from "./lfs-blobs.js";
import { optionalAccount, repoNameOfParams, type SandboxEnv, WEB_REPO_ROUTES } from "./repo-params.js";
import { readableRepo } from "./repo-store.js";
import { resolveRevision } from "./revision.js";

/**
 * `GET|HEAD /{repo}/resolve/{revision}/{path}`: file downloads as `hf_hub_download` (and `ModelCard.load`) make
 * them, with the headers it reads (`X-Repo-Commit`, `ETag`, `Content-Length`, and for LFS files `X-Linked-Etag` and
 * `X-Linked-Size`); LFS files stream from disk. Revisions as `resolveRevision` reads
 * them.
 */
export function resolveRoutes(deps: ServerDeps) {
  const { db } = deps;
  const root = lfsRoot(deps.config);
  const app = new Hono<SandboxEnv>();
  const serve = async (c: Context<SandboxEnv>, type: RepoType) => {
    const name = repoNameOfParams(c);
    const repo = await readableRepo(db, c.var.account, type, name);
    // Already decoded by the router ("refs%2Fpr%2F1" is "refs/pr/1"): decoding again would misread a "%".
    const revision = c.req.param("revision") ?? "";
    const at = await resolveRevision(db, repo, revision);
    const path = c.req.param("path") ?? "";
    await checkGate(db, c.var.account, repo, path);
    // That one file's row; a HEAD reads its size and oid only.
    const head = c.req.method === "HEAD";
    const file = await fileAt(db, repo.id, at.ref, path, { content: !head });
    if (!file) throw new HubCodedError(404, `Entry not found: ${path} at ${revision} in ${repo.name}`, "EntryNotFound");
    c.header("X-Repo-Commit", at.sha);
    const size = Number(file.size);
    const lfs = file.lfs_sha256;
    // An LFS file's ETag is its sha256, which huggingface_hub reads (X-Linked-Etag first) as the blob's name in
    // its cache; the Hub sends X-Linked-* with its redirect to storage, the sandbox serves the bytes itself.
    c.header("ETag", `"${lfs ?? file.oid}"`);
    if (lfs) {
      c.header("X-Linked-Etag", `"${lfs}"`);
      c.header("X-Linked-Size", String(size));
    }
    c.header("Content-Type", "application/octet-stream");
    c.header("Content-Length", String(size));
    c.header("Accept-Ranges", "bytes");
    if (head) return c.body(null);
    const range = byteRange(c.req.header("Range"), size);
    if (range === "unsatisfiable") {
      c.header("Content-Range", `bytes */${size}`);
      c.header("Content-Length", "0");
      return c.body(null, 416);
    }
    if (range) {
      // A resumed download: the rest of the file from where the client stopped.
      c.header("Content-Range", `bytes ${range.start}-${range.end}/${size}`);
      c.header("Content-Length", String(range.end - range.start + 1));
    }
    if (lfs) {
      if ((await blobSize(root, lfs)) !== size) {
        throw new HubCodedError(404, `The LFS object of ${path} is missing from this server's disk`, "EntryNotFound");
      }
      return c.body(readBlob(root, lfs, range ?? undefined), range ? 206 : 200);
    }
    const bytes = Buffer.from(file.content ?? "", "base64");
    if (range) return c.body(new Uint8Array(bytes.subarray(range.start, range.end + 1)), 206);
    return c.body(new Uint8Array(bytes));
  };
  for (const [repoPath, type] of WEB_REPO_ROUTES) {
    const route = `${repoPath}/resolve/:revision/:path{.+}`;
    app.use(route, optionalAccount(db, deps.apiLimiter));
    app.on(["GET", "HEAD"], route, (c) => serve(c, type));
  }
  return app;
}
