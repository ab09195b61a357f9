import type { Hono } from "hono";
import ignore from "ignore";
import { z } from "zod";
import type { ServerDeps } from "../core/deps.js";
import { readJsonBody } from "../core/json-body.js";
import { MAX_FILE_BYTES } from "./commit-body.js";
import { fileAt, filesAt } from "./content-store.js";
import { lfsMatcher } from "./lfs-pointer.js";
import { REPO_PREFIXES, repoOfPath, type SandboxEnv, signedIn } from "./repo-params.js";
import { checkedRepoPath } from "./repo-path.js";
import { readableRepo } from "./repo-store.js";
import { branchRef, resolveRevision } from "./revision.js";

const PreuploadBody = z.object({
  files: z
    .array(z.object({ path: z.string(), size: z.number().int().nonnegative(), sample: z.string().optional() }))
    .max(1000),
  /** The `.gitignore` the commit brings, when it brings one (else the branch's own applies). */
  gitIgnore: z
    .string()
    .max(1024 * 1024)
    .nullish(),
});

/** Paths inside a `.git` folder: the Hub ignores them (the client skips them) rather than refusing the commit. */
const inGitFolder = (path: string) => path.split("/").some((segment) => segment.toLowerCase() === ".git");

/**
 * `POST /api/{type}s/{repo}/preupload/{revision}`: how each file of a coming commit is uploaded — "lfs" past 1 MiB
 * (what the sandbox keeps inline; the Hub's line for text is 10 MiB) or where the branch's `.gitattributes` says
 * `filter=lfs` (the Hub decides by both too), else "regular" — whether it is ignored (`.gitignore` rules — the commit's own or the branch's — and `.git/`), and the
 * blob id already there, which the client compares to skip unchanged files.
 */
export function preuploadRoute(app: Hono<SandboxEnv>, deps: ServerDeps): void {
  const { db } = deps;
  for (const prefix of REPO_PREFIXES) {
    app.post(`${prefix}/preupload/:revision`, async (c) => {
      const actor = signedIn(c);
      const { type, name } = repoOfPath(c);
      const repo = await readableRepo(db, actor, type, name);
      const body = await readJsonBody(c, PreuploadBody);
      for (const [index, file] of body.files.entries()) {
        if (!inGitFolder(file.path)) checkedRepoPath(file.path, `files[${index}]`);
      }
      const ref = await branchRef(db, repo, c.req.param("revision"));
      const present = await filesAt(db, repo.id, ref);
      const rules =
        body.gitIgnore ?? (present.has(".gitignore") ? await storedText(deps, ref, repo.id, ".gitignore") : "");
      const ignored = ignore().add(rules);
      const toLfs = lfsMatcher(
        present.has(".gitattributes") ? await storedText(deps, ref, repo.id, ".gitattributes") : "",
      );
      return c.json({
        files: body.files.map((file) => ({
          path: file.path,
          uploadMode: file.size > MAX_FILE_BYTES || (file.size > 0 && toLfs(file.path)) ? "lfs" : "regular",
          shouldIgnore: inGitFolder(file.path) || ignored.ignores(file.path),
          // What the client compares with its own: an LFS file's sha256, else the git blob id.
          oid: present.get(file.path)?.lfs_sha256 ?? present.get(file.path)?.oid ?? null,
        })),
        commitOid: (await resolveRevision(db, repo, ref)).sha,
      });
    });
  }
}

async function storedText(deps: ServerDeps, ref: string, repoId: string, path: string): Promise<string> {
  const file = await fileAt(deps.db, repoId, ref, path, { content: true });
  return Buffer.from(file?.content ?? "", "base64").toString("utf8");
}
