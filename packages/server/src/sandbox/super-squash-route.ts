import type { Hono } from "hono";
import { z } from "zod";
import type { ServerDeps } from "../core/deps.js";
import { apiError } from "../core/errors.js";
import { readJsonBody } from "../core/json-body.js";
import { lockRepo, refSha } from "./content-store.js";
import { guarded } from "./guarded.js";
import { repoInput } from "./repo-input.js";
import { REPO_PREFIXES, repoOfPath, type SandboxEnv, signedIn } from "./repo-params.js";
import { MAIN_REF, newCommitSha, writableRepo } from "./repo-store.js";
import { branchRef } from "./revision.js";

const SquashBody = z.object({ message: z.string().max(65_536).nullish() }).nullish();

/**
 * `POST /api/{type}s/{repo}/super-squash/{branch}` (`super_squash_history`): the branch's history becomes one
 * commit with its current files and no parent; writers only; fires `repo.content` for the branch's new commit.
 */
export function superSquashRoute(app: Hono<SandboxEnv>, deps: ServerDeps): void {
  for (const prefix of REPO_PREFIXES) {
    app.post(`${prefix}/super-squash/:branch`, async (c) => {
      const actor = signedIn(c);
      const { type, name } = repoOfPath(c);
      const repo = await writableRepo(deps.db, actor, type, name);
      const ref = await branchRef(deps.db, repo, c.req.param("branch"));
      if (!ref.startsWith("refs/heads/")) throw apiError(400, "Only a branch's history can be squashed");
      const body = await readJsonBody(c, SquashBody);
      const newSha = newCommitSha();
      const now = Date.now();
      await guarded(deps, actor, async ({ trx, fire }) => {
        await lockRepo(trx, repo.id);
        const oldSha = (await refSha(trx, repo.id, ref)) ?? null;
        await trx
          .insertInto("sandbox_commits")
          .values({
            repo_id: repo.id,
            sha: newSha,
            parent_sha: null,
            title: body?.message || `Super-squash branch '${ref.slice("refs/heads/".length)}'`,
            message: "",
            author_id: actor.id,
            created_at: now,
          })
          .execute();
        await trx
          .updateTable("sandbox_refs")
          .set({ sha: newSha })
          .where("repo_id", "=", repo.id)
          .where("ref", "=", ref)
          .execute();
        // Every file of the branch now comes from the one commit.
        await trx
          .updateTable("sandbox_files")
          .set({ commit_sha: newSha })
          .where("repo_id", "=", repo.id)
          .where("ref", "=", ref)
          .execute();
        if (ref === MAIN_REF) {
          await trx
            .updateTable("sandbox_repos")
            .set({ head_sha: newSha, updated_at: now })
            .where("id", "=", repo.id)
            .execute();
        }
        await fire([
          {
            event: { scope: "repo.content", action: "update" },
            repo: repoInput(ref === MAIN_REF ? { ...repo, headSha: newSha } : repo),
            updatedRefs: [{ ref, oldSha, newSha }],
          },
        ]);
      });
      return c.json({ commitId: newSha });
    });
  }
}
