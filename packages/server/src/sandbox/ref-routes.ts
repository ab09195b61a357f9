import type { Context, Hono } from "hono";
import { z } from "zod";
import type { ServerDeps } from "../core/deps.js";
import { apiError, HubCodedError } from "../core/errors.js";
import { readJsonBody } from "../core/json-body.js";
import { isUniqueViolation } from "../store/unique-violation.js";
import { refSha } from "./content-store.js";
import { guarded } from "./guarded.js";
import { createRef, deleteRef, refNameProblem } from "./ref-store.js";
import { repoInput } from "./repo-input.js";
import { REPO_PREFIXES, repoOfPath, type SandboxEnv, signedIn } from "./repo-params.js";
import { MAIN_REF, writableRepo } from "./repo-store.js";
import { resolveRevision } from "./revision.js";

const BranchBody = z.object({ startingPoint: z.string().nullish() }).nullish();
const TagBody = z.object({ tag: z.string({ error: "tag is required" }), message: z.string().max(65_536).nullish() });

function checkedName(kind: "branch" | "tag", name: string): string {
  const problem = refNameProblem(name);
  if (problem) throw apiError(400, `Invalid ${kind} name ${JSON.stringify(name.slice(0, 200))}: ${problem}`);
  return name;
}

const exists = (ref: string) => new HubCodedError(409, `Reference already exists: ${ref}`, "RefAlreadyExists");

/**
 * `POST|DELETE /api/{type}s/{repo}/branch/{branch}` (from `startingPoint`, else main) and `POST …/tag/{revision}`
 * (`tag`, `message`), `DELETE …/tag/{tag}`: writers only. Each fires `repo.content` with the ref it made
 * (`oldSha: null`) or removed (`newSha: null`), as the Hub does; no commit is made.
 */
export function refRoutes(app: Hono<SandboxEnv>, deps: ServerDeps): void {
  const make = async (c: Context<SandboxEnv>, ref: string, startingPoint: string) => {
    const actor = signedIn(c);
    const { type, name } = repoOfPath(c);
    const repo = await writableRepo(deps.db, actor, type, name);
    // An unknown starting point is a 404 before anything else (no loop-guard count, no transaction).
    await resolveRevision(deps.db, repo, startingPoint);
    if (await refSha(deps.db, repo.id, ref)) throw exists(ref);
    await guarded(deps, actor, async ({ trx, fire }) => {
      const from = await createRef(trx, repo, startingPoint, ref, deps.config.maxRepoBytes).catch((error: unknown) => {
        if (isUniqueViolation(error)) throw exists(ref);
        throw error;
      });
      await fire([
        {
          event: { scope: "repo.content", action: "update" },
          repo: repoInput(repo),
          updatedRefs: [{ ref, oldSha: null, newSha: from.sha }],
        },
      ]);
    });
    return c.json({});
  };
  const remove = async (c: Context<SandboxEnv>, ref: string) => {
    const actor = signedIn(c);
    const { type, name } = repoOfPath(c);
    const repo = await writableRepo(deps.db, actor, type, name);
    if (ref === MAIN_REF) throw apiError(403, "The default branch (main) cannot be deleted");
    const sha = await refSha(deps.db, repo.id, ref);
    if (!sha)
      throw new HubCodedError(404, `Invalid rev id: ${ref} (revision not found in ${repo.name})`, "RevisionNotFound");
    await guarded(deps, actor, async ({ trx, fire }) => {
      await deleteRef(trx, repo.id, ref);
      await fire([
        {
          event: { scope: "repo.content", action: "update" },
          repo: repoInput(repo),
          updatedRefs: [{ ref, oldSha: sha, newSha: null }],
        },
      ]);
    });
    return c.json({});
  };
  for (const prefix of REPO_PREFIXES) {
    app.post(`${prefix}/branch/:branch`, async (c) => {
      const branch = checkedName("branch", c.req.param("branch"));
      const body = await readJsonBody(c, BranchBody);
      return make(c, `refs/heads/${branch}`, body?.startingPoint ?? "main");
    });
    app.delete(`${prefix}/branch/:branch`, (c) => remove(c, `refs/heads/${c.req.param("branch")}`));
    app.post(`${prefix}/tag/:revision`, async (c) => {
      const body = await readJsonBody(c, TagBody);
      return make(c, `refs/tags/${checkedName("tag", body.tag)}`, c.req.param("revision"));
    });
    app.delete(`${prefix}/tag/:tag`, (c) => remove(c, `refs/tags/${c.req.param("tag")}`));
  }
}
