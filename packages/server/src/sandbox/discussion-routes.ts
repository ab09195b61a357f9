import { type Context, Hono } from "hono";
import type { Kysely } from "kysely";
import type { Account } from "../core/account.js";
import type { ServerDeps } from "../core/deps.js";
import { apiError } from "../core/errors.js";
import { readJsonBody } from "../core/json-body.js";
import { repoWebUrl } from "../events/build-payload.js";
import type { Database } from "../store/schema.js";
import { CommentBody, EditCommentBody, MergeBody, NewDiscussionBody, StatusBody, TitleBody } from "./bodies.js";
import { commitChanges, pullRequestChanges } from "./content-store.js";
import { commentEvent, discussionEvent } from "./discussion-events.js";
import {
  type CommentData,
  commentData,
  discussionEvents,
  findComment,
  findDiscussion,
  insertDiscussion,
  insertEvent,
  listDiscussions,
  pullRequestRef,
  updateComment,
  updateDiscussion,
} from "./discussion-store.js";
import { guarded } from "./guarded.js";
import { pullRequestDiff } from "./pull-request-diff.js";
import { repoInput } from "./repo-input.js";
import { optionalAccount, REPO_PREFIXES, repoOfPath, type SandboxEnv, signedIn } from "./repo-params.js";
import { canWrite, MAIN_REF, readableRepo, type SandboxRepo } from "./repo-store.js";
import { authorsById, wireDiscussion, wireEvent } from "./wire.js";

const PAGE_SIZE = 50;
/** Discussions and pull requests: the community API that bots call. Every change fires the Hub's event. */
export function discussionRoutes(deps: ServerDeps) {
  const { db } = deps;
  const app = new Hono<SandboxEnv>();
  for (const prefix of REPO_PREFIXES) app.use(`${prefix}/discussions/*`, optionalAccount(db, deps.apiLimiter));
  for (const prefix of REPO_PREFIXES) app.use(`${prefix}/discussions`, optionalAccount(db, deps.apiLimiter));

  for (const prefix of REPO_PREFIXES) {
    const base = `${prefix}/discussions`;
    /** The repo, the discussion and the signed-in actor of a change. */
    const target = async (c: Context<SandboxEnv>) => {
      const actor = signedIn(c);
      const { type, name } = repoOfPath(c);
      const repo = await readableRepo(db, actor, type, name);
      const discussion = await findDiscussion(db, repo, Number(c.req.param("num")));
      return { actor, repo, discussion };
    };

    app.get(base, async (c) => {
      const { type, name } = repoOfPath(c);
      const repo = await readableRepo(db, c.var.account, type, name);
      const kind = c.req.query("type") ?? "all";
      const status = c.req.query("status") ?? "all";
      const author = c.req.query("author");
      const page = Math.max(0, Number.parseInt(c.req.query("p") ?? "0", 10) || 0);
      const discussions = await listDiscussions(db, repo.id);
      const authors = await authorsById(
        db,
        discussions.map((d) => d.authorId),
      );
      const all = discussions.filter(
        (d) =>
          (kind === "all" || (kind === "pull_request") === d.isPullRequest) &&
          (status === "all" ||
            (status === "open"
              ? d.status === "open" || d.status === "draft"
              : d.status === "closed" || d.status === "merged")) &&
          (author === undefined || authors.get(d.authorId)?.name === author),
      );
      const start = page * PAGE_SIZE;
      return c.json({
        discussions: all.slice(start, start + PAGE_SIZE).map((d) => wireDiscussion(d, repo, authors)),
        count: all.length,
        start,
        numClosedDiscussions: all.filter((d) => d.status === "closed" || d.status === "merged").length,
      });
    });

    app.post(base, async (c) => {
      const actor = signedIn(c);
      const { type, name } = repoOfPath(c);
      const repo = await readableRepo(db, actor, type, name);
      const body = await readJsonBody(c, NewDiscussionBody);
      const discussion = await guarded(deps, actor, async ({ trx, fire }) => {
        const { discussion, comment } = await insertDiscussion(trx, repo, {
          title: body.title,
          description: body.description?.trim() || "",
          isPullRequest: body.pullRequest ?? false,
          authorId: actor.id,
        });
        await fire([
          discussionEvent(repo, discussion, "create", comment),
          // A pull request opens a new ref, which the Hub reports as a content change.
          ...(discussion.isPullRequest
            ? [
                {
                  event: { scope: "repo.content", action: "update" as const },
                  repo: repoInput(repo),
                  updatedRefs: [{ ref: pullRequestRef(discussion.num), oldSha: null, newSha: repo.headSha }],
                },
              ]
            : []),
        ]);
        return discussion;
      });
      const url = `${repoWebUrl(deps.config.publicHubUrl, repo.type, repo.name)}/discussions/${discussion.num}`;
      return c.json({ id: discussion.id, num: discussion.num, pullRequest: discussion.isPullRequest, url });
    });

    app.get(`${base}/:num`, async (c) => {
      const { type, name } = repoOfPath(c);
      const repo = await readableRepo(db, c.var.account, type, name);
      const discussion = await findDiscussion(db, repo, Number(c.req.param("num")));
      const events = await discussionEvents(db, discussion.id);
      const authors = await authorsById(db, [discussion.authorId, ...events.map((event) => event.author_id)]);
      return c.json({
        ...wireDiscussion(discussion, repo, authors),
        events: events.map((event) => wireEvent(event, authors)),
        changes: discussion.isPullRequest
          ? { base: MAIN_REF, ...(discussion.mergeCommitId && { mergeCommitId: discussion.mergeCommitId }) }
          : undefined,
        filesWithConflicts: [],
        ...(discussion.isPullRequest && {
          diff: c.req.query("diff") === "1" ? await pullRequestDiff(db, repo.id, pullRequestRef(discussion.num)) : "",
        }),
      });
    });

    app.post(`${base}/:num/comment`, async (c) => {
      const { actor, repo, discussion } = await target(c);
      const body = await readJsonBody(c, CommentBody);
      const comment = await guarded(deps, actor, async ({ trx, fire }) => {
        const comment = await insertEvent(trx, discussion.id, "comment", actor.id, commentData(body.comment));
        await fire([commentEvent(repo, discussion, comment, "create")]);
        return comment;
      });
      const authors = await authorsById(db, [actor.id]);
      return c.json({ newMessage: wireEvent(comment, authors) });
    });

    app.post(`${base}/:num/title`, async (c) => {
      const { actor, repo, discussion } = await target(c);
      await mayChange(actor, repo, discussion.authorId);
      const body = await readJsonBody(c, TitleBody);
      const event = await guarded(deps, actor, async ({ trx, fire }) => {
        const change = { from: discussion.title, to: body.title };
        const event = await insertEvent(trx, discussion.id, "title-change", actor.id, change);
        const renamed = await updateDiscussion(trx, discussion, { title: body.title });
        await fire([discussionEvent(repo, renamed, "update")]);
        return event;
      });
      return c.json({ newTitle: wireEvent(event, await authorsById(db, [actor.id])) });
    });

    app.post(`${base}/:num/status`, async (c) => {
      const { actor, repo, discussion } = await target(c);
      await mayChange(actor, repo, discussion.authorId);
      const body = await readJsonBody(c, StatusBody);
      if (discussion.status === "merged")
        throw apiError(400, `Pull request #${discussion.num} is merged: its status cannot change`);
      const event = await guarded(deps, actor, async ({ trx, fire }) => {
        const event = await insertEvent(trx, discussion.id, "status-change", actor.id, { status: body.status });
        const changed = await updateDiscussion(trx, discussion, { status: body.status });
        const comment = await closingComment(trx, discussion.id, actor.id, body?.comment);
        await fire([
          discussionEvent(repo, changed, "update"),
          ...(comment ? [commentEvent(repo, changed, comment, "create")] : []),
        ]);
        return event;
      });
      return c.json({ newStatus: wireEvent(event, await authorsById(db, [actor.id])) });
    });

    app.post(`${base}/:num/merge`, async (c) => {
      const { actor, repo, discussion } = await target(c);
      if (!(await canWrite(db, actor, repo)))
        throw apiError(403, `Only writers of ${repo.name} may merge pull requests`);
      if (!discussion.isPullRequest) throw apiError(400, `#${discussion.num} is a discussion, not a pull request`);
      if (discussion.status === "merged" || discussion.status === "closed") {
        throw apiError(400, `Pull request #${discussion.num} is ${discussion.status}`);
      }
      const body = await readJsonBody(c, MergeBody);
      // The merge commit, the PR's new status, its closing comment and the events: one transaction.
      const newSha = await guarded(deps, actor, async ({ trx, fire }) => {
        const changes = await pullRequestChanges(trx, repo.id, pullRequestRef(discussion.num));
        // Squashed onto main, titled after the pull request.
        const meta = { title: `${discussion.title} (#${discussion.num})`, message: "", authorId: actor.id };
        const { oldSha, newSha } = await commitChanges(trx, repo, MAIN_REF, changes, meta, deps.config.maxRepoBytes);
        await insertEvent(trx, discussion.id, "status-change", actor.id, { status: "merged" });
        const merged = await updateDiscussion(trx, discussion, { status: "merged", mergeCommitId: newSha });
        const comment = await closingComment(trx, discussion.id, actor.id, body?.comment);
        const after = { ...repo, headSha: newSha };
        await fire([
          discussionEvent(after, merged, "update"),
          ...(comment ? [commentEvent(after, merged, comment, "create")] : []),
          {
            event: { scope: "repo.content", action: "update" },
            repo: repoInput(after),
            updatedRefs: [{ ref: MAIN_REF, oldSha, newSha }],
          },
        ]);
        return newSha;
      });
      return c.json({ mergeCommitId: newSha });
    });

    app.post(`${base}/:num/comment/:commentId/edit`, async (c) => {
      const { actor, repo, discussion } = await target(c);
      const row = await findComment(db, discussion, c.req.param("commentId").toLowerCase());
      if (row.author_id !== actor.id) throw apiError(403, "Only the author of a comment may edit it");
      const body = await readJsonBody(c, EditCommentBody);
      const data = JSON.parse(row.data) as CommentData;
      const next: CommentData = {
        ...data,
        content: body.content,
        history: [{ content: data.content, at: Number(row.updated_at), authorId: actor.id }, ...data.history],
      };
      const updated = await guarded(deps, actor, async ({ trx, fire }) => {
        const updated = await updateComment(trx, row, next);
        await fire([commentEvent(repo, discussion, updated, "update")]);
        return updated;
      });
      return c.json({ updatedComment: wireEvent(updated, await authorsById(db, [row.author_id, actor.id])) });
    });

    app.post(`${base}/:num/comment/:commentId/hide`, async (c) => {
      const { actor, repo, discussion } = await target(c);
      const row = await findComment(db, discussion, c.req.param("commentId").toLowerCase());
      await mayChange(actor, repo, row.author_id);
      const data = JSON.parse(row.data) as CommentData;
      const updated = await guarded(deps, actor, async ({ trx, fire }) => {
        const updated = await updateComment(trx, row, { ...data, hidden: true });
        await fire([commentEvent(repo, discussion, updated, "update")]);
        return updated;
      });
      return c.json({ updatedComment: wireEvent(updated, await authorsById(db, [row.author_id])) });
    });
  }

  /** The comment a status change or merge may carry: posted after the change (in its transaction), none if blank. */
  async function closingComment(trx: Kysely<Database>, discussionId: string, authorId: string, text?: string) {
    const trimmed = text?.trim();
    return trimmed ? insertEvent(trx, discussionId, "comment", authorId, commentData(trimmed)) : undefined;
  }

  /** Titles, statuses and hidden comments: their author or the repo's writers. */
  async function mayChange(actor: Account, repo: SandboxRepo, authorId: string) {
    if (actor.id !== authorId && !(await canWrite(db, actor, repo))) {
      throw apiError(403, `Only the author or writers of ${repo.name} may do this`);
    }
  }
  return app;
}
