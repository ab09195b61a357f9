import { Hono } from "hono";
import { parseDocument } from "yaml";
import type { ServerDeps } from "../core/deps.js";
import { apiError } from "../core/errors.js";
import { readJsonBody } from "../core/json-body.js";
import { repoWebUrl } from "../events/build-payload.js";
import { ValidateYamlBody } from "./bodies.js";
import { cardProblems } from "./card-rules.js";
import { parseCommitBody } from "./commit-body.js";
import { commitChanges, isOverlayRef } from "./content-store.js";
import { discussionEvent } from "./discussion-events.js";
import { findDiscussion, insertDiscussion, insertEvent, pullRequestRef, updateDiscussion } from "./discussion-store.js";
import { guarded } from "./guarded.js";
import { lfsRoot } from "./lfs-blobs.js";
import { resolveLfsChanges } from "./lfs-commit.js";
import { repoInput } from "./repo-input.js";
import { optionalAccount, REPO_PREFIXES, repoOfPath, type SandboxEnv, signedIn } from "./repo-params.js";
import { canWrite, MAIN_REF, readableRepo, writableRepo } from "./repo-store.js";
import { branchRef } from "./revision.js";

/** Commits: the NDJSON commit (small files inline, large ones as LFS objects uploaded before) and the model-card YAML check (preupload: preupload-route.ts). */
export function contentRoutes(deps: ServerDeps) {
  const { db } = deps;
  const app = new Hono<SandboxEnv>();
  app.use("/validate-yaml", optionalAccount(db, deps.apiLimiter));
  for (const prefix of REPO_PREFIXES) app.use(`${prefix}/*`, optionalAccount(db, deps.apiLimiter));

  app.post("/validate-yaml", async (c) => {
    const body = await readJsonBody(c, ValidateYamlBody);
    const front = /^---\r?\n([\s\S]*?)\r?\n---(\r?\n|$)/.exec(body.content);
    if (!front) return c.json({ errors: [], warnings: [{ message: "Empty or missing yaml metadata in repo card" }] });
    const document = parseDocument(front[1] ?? "");
    const problems = document.errors.map((error) => ({ message: error.message }));
    let value: unknown = null;
    try {
      value = document.toJS();
    } catch (error) {
      // An alias bomb ("Excessive alias count…") and other unresolvable documents are the card's problem.
      problems.push({ message: error instanceof Error ? error.message : String(error) });
    }
    if (problems.length === 0 && value !== null && (typeof value !== "object" || Array.isArray(value))) {
      problems.push({ message: "The metadata must be a YAML mapping (key: value)" });
    } else if (problems.length === 0 && value !== null) {
      const rules = cardProblems(value as Record<string, unknown>, body.repoType ?? "model");
      problems.push(...rules.map((message) => ({ message })));
    }
    if (problems.length > 0) {
      return c.json({ error: `Invalid metadata in README.md: ${problems[0]?.message}`, errors: problems }, 400);
    }
    return c.json({ errors: [], warnings: [] });
  });

  for (const prefix of REPO_PREFIXES) {
    app.post(`${prefix}/commit/:revision`, async (c) => {
      const actor = signedIn(c);
      const { type, name } = repoOfPath(c);
      const createPr = c.req.query("create_pr") === "1";
      // Anyone who can read a repo may open a pull request and push to their own; main needs write access.
      let repo = await readableRepo(db, actor, type, name);
      let ref = await branchRef(db, repo, c.req.param("revision"));
      if (createPr && ref !== MAIN_REF) {
        throw apiError(400, "The sandbox's pull requests target main: open it from revision main");
      }
      if (!createPr && !isOverlayRef(ref)) repo = await writableRepo(db, actor, type, name);
      const commit = parseCommitBody(await c.req.text());
      commit.changes = await resolveLfsChanges(db, lfsRoot(deps.config), repo, commit.changes);
      let discussion = isOverlayRef(ref)
        ? await findDiscussion(db, repo, Number(ref.slice("refs/pr/".length)))
        : undefined;
      if (discussion && discussion.authorId !== actor.id && !(await canWrite(db, actor, repo))) {
        throw apiError(
          403,
          `Only the author of pull request #${discussion.num} or writers of ${repo.name} may push to it`,
        );
      }
      if (discussion && (discussion.status === "closed" || discussion.status === "merged")) {
        throw apiError(400, `Pull request #${discussion.num} is ${discussion.status}: reopen it first`);
      }
      // The pull request it may open, the commit, the PR's timeline and the events: one transaction.
      const newSha = await guarded(deps, actor, async ({ trx, fire }) => {
        let firstComment: Awaited<ReturnType<typeof insertDiscussion>>["comment"] | undefined;
        if (createPr) {
          const opened = await insertDiscussion(trx, repo, {
            title: commit.summary,
            description: commit.description,
            isPullRequest: true,
            authorId: actor.id,
          });
          discussion = opened.discussion;
          firstComment = opened.comment;
          ref = pullRequestRef(discussion.num);
        }
        const { oldSha, newSha } = await commitChanges(
          trx,
          repo,
          ref,
          commit.changes,
          {
            title: commit.summary,
            message: commit.description,
            authorId: actor.id,
            ...(commit.parentCommit && { parentCommit: commit.parentCommit }),
          },
          deps.config.maxRepoBytes,
        );
        if (ref === MAIN_REF) repo = { ...repo, headSha: newSha };
        if (discussion) {
          await insertEvent(trx, discussion.id, "commit", actor.id, { subject: commit.summary, oid: newSha });
          if (discussion.status === "draft") discussion = await updateDiscussion(trx, discussion, { status: "open" });
        }
        await fire([
          ...(discussion && firstComment ? [discussionEvent(repo, discussion, "create", firstComment)] : []),
          {
            event: { scope: "repo.content", action: "update" },
            repo: repoInput(repo),
            updatedRefs: [{ ref, oldSha, newSha }],
          },
        ]);
        return newSha;
      });
      const web = repoWebUrl(deps.config.publicHubUrl, repo.type, repo.name);
      return c.json({
        success: true,
        commitOid: newSha,
        commitUrl: `${web}/commit/${newSha}`,
        commitMessage: commit.summary,
        ...(discussion && { pullRequestUrl: `${web}/discussions/${discussion.num}` }),
      });
    });
  }
  return app;
}
