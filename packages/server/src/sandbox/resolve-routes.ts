import type { RepoType } from "@hubhooks/schemas";
import { type Context, Hono } from "hono";
import type { ServerDeps } from "../core/deps.js";
import { HubCodedError } from "../core/errors.js";
import { byteRange } from "./byte-range.js";
import { fileAt } from "./content-store.js";
import { checkGate } from "./gate.js";
import { optionalAccount, repoNameOfParams, type SandboxEnv, WEB_REPO_ROUTES } from "./repo-params.js";
import { readableRepo } from "./repo-store.js";
import { resolveRevision } from "./revision.js";

/**
 * `GET|HEAD /{repo}/resolve/{revision}/{path}`: file downloads as `hf_hub_download` (and `ModelCard.load`) make
 * them, with the headers it reads (`X-Repo-Commit`, `ETag`, `Content-Length`). Revisions as `resolveRevision` reads
 * them.
 */
export function resolveRoutes(deps: ServerDeps) {
  const { db } = deps;
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
    c.header("ETag", `"${file.oid}"`);
    c.header("Content-Type", "application/octet-stream");
    c.header("Content-Length", String(file.size));
    c.header("Accept-Ranges", "bytes");
    if (head) return c.body(null);
    const bytes = Buffer.from(file.content ?? "", "base64");
    const range = byteRange(c.req.header("Range"), file.size);
    if (range === "unsatisfiable") {
      c.header("Content-Range", `bytes */${file.size}`);
      c.header("Content-Length", "0");
      return c.body(null, 416);
    }
    if (range) {
      // A resumed download: the rest of the file from where the client stopped.
      c.header("Content-Range", `bytes ${range.start}-${range.end}/${file.size}`);
      c.header("Content-Length", String(range.end - range.start + 1));
      return c.body(new Uint8Array(bytes.subarray(range.start, range.end + 1)), 206);
    }
    return c.body(new Uint8Array(bytes));
  };
  for (const [repoPath, type] of WEB_REPO_ROUTES) {
    const route = `${repoPath}/resolve/:revision/:path{.+}`;
    app.use(route, optionalAccount(db, deps.apiLimiter));
    app.on(["GET", "HEAD"], route, (c) => serve(c, type));
  }
  return app;
}
