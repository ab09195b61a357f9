import type { Hono } from "hono";
import ignore from "ignore";
import { z } from "zod";
import type { ServerDeps } from "../core/deps.js";
import { apiError } from "../core/errors.js";
import { readJsonBody } from "../core/json-body.js";
import { MAX_FILE_BYTES } from "./commit-body.js";
import { fileAt, filesAt } from "./content-store.js";
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
 * `POST /api/{type}s/{repo}/preupload/{revision}`: how each file of a coming commit is uploaded (always "regular":
 * no LFS), whether it is ignored (`.gitignore` rules — the commit's own or the branch's — and `.git/`), and the
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
      const kept = body.files.filter((file) => !inGitFolder(file.path));
      for (const [index, file] of body.files.entries()) {
        if (!inGitFolder(file.path)) checkedRepoPath(file.path, `files[${index}]`);
      }
      const tooBig = kept.find((file) => file.size > MAX_FILE_BYTES);
      if (tooBig) {
        throw apiError(
          501,
          `${tooBig.path} is ${tooBig.size} bytes: the hubhooks sandbox has no LFS and keeps files of at most ${MAX_FILE_BYTES} bytes`,
        );
      }
      const ref = await branchRef(db, repo, c.req.param("revision"));
      const present = await filesAt(db, repo.id, ref);
      const rules = body.gitIgnore ?? (present.has(".gitignore") ? await storedGitignore(deps, ref, repo.id) : "");
      const ignored = ignore().add(rules);
      return c.json({
        files: body.files.map((file) => ({
          path: file.path,
          uploadMode: "regular",
          shouldIgnore: inGitFolder(file.path) || ignored.ignores(file.path),
          oid: present.get(file.path)?.oid ?? null,
        })),
        commitOid: (await resolveRevision(db, repo, ref)).sha,
      });
    });
  }
}

async function storedGitignore(deps: ServerDeps, ref: string, repoId: string): Promise<string> {
  const file = await fileAt(deps.db, repoId, ref, ".gitignore", { content: true });
  return Buffer.from(file?.content ?? "", "base64").toString("utf8");
}
