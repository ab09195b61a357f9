import type { RepoType } from "@hubhooks/schemas";
import { type Context, Hono } from "hono";
import type { ServerDeps } from "../core/deps.js";
import { repoWebUrl } from "../events/build-payload.js";
import { type CommentData, discussionEvents, findDiscussion, listDiscussions } from "../sandbox/discussion-store.js";
import { repoNameOfParams, WEB_REPO_ROUTES } from "../sandbox/repo-params.js";
import { readableRepo, type SandboxRepo } from "../sandbox/repo-store.js";
import { authorsById } from "../sandbox/wire.js";
import { Layout } from "./layout.js";
import { DiscussionList } from "./pages/discussion-list.js";
import { NotFoundPage } from "./pages/not-found.js";
import type { UiEnv } from "./session.js";
import { Time } from "./time.js";

/**
 * Read-only pages of a sandbox repo's discussions, where payloads' `url.web` points: a person can watch a bot
 * talk. A private repo's show to those who may read it (their UI session's account) only.
 */
export function sandboxPages(deps: ServerDeps) {
  const { db } = deps;
  const app = new Hono<UiEnv>();
  const visibleRepo = async (c: Context<UiEnv>, type: RepoType): Promise<SandboxRepo | undefined> =>
    readableRepo(db, c.get("session")?.account, type, repoNameOfParams(c)).catch(() => undefined);
  for (const [repoPath, type] of WEB_REPO_ROUTES) {
    app.get(`${repoPath}/discussions`, async (c) => {
      const repo = await visibleRepo(c, type);
      if (!repo) return c.html(<NotFoundPage what="Repo" />, 404);
      const discussions = await listDiscussions(db, repo.id);
      const authors = await authorsById(
        db,
        discussions.map((d) => d.authorId),
      );
      const base = `${repoWebUrl("", repo.type, repo.name)}/discussions`;
      return c.html(
        <Layout title={`${repo.name} discussions`}>
          <h1>{repo.name}</h1>
          <h2>Community</h2>
          <DiscussionList base={base} discussions={discussions} authors={authors} />
        </Layout>,
      );
    });

    app.get(`${repoPath}/discussions/:num{[0-9]+}`, async (c) => {
      const repo = await visibleRepo(c, type);
      if (!repo) return c.html(<NotFoundPage what="Repo" />, 404);
      const discussion = await findDiscussion(db, repo, Number(c.req.param("num"))).catch(() => undefined);
      if (!discussion) return c.html(<NotFoundPage what="Discussion" />, 404);
      const events = await discussionEvents(db, discussion.id);
      const authors = await authorsById(db, [discussion.authorId, ...events.map((e) => e.author_id)]);
      const who = (id: string) => authors.get(id)?.name ?? "deleted";
      return c.html(
        <Layout title={`#${discussion.num} ${discussion.title}`}>
          <p>
            <a href={`${repoWebUrl("", repo.type, repo.name)}/discussions`}>{repo.name}</a>
          </p>
          <h1>
            #{discussion.num} {discussion.title}
          </h1>
          <p>
            <span class="badge" data-status>
              {discussion.isPullRequest ? `pull request · ${discussion.status}` : discussion.status}
            </span>{" "}
            <span class="muted">opened by {who(discussion.authorId)}</span>
          </p>
          <ol class="attempts" data-events>
            {events.map((event, index) => {
              const data = JSON.parse(event.data) as Record<string, unknown>;
              if (event.type !== "comment") {
                return (
                  <li class="muted" data-event={event.type}>
                    {who(event.author_id)} {describeChange(event.type, data)} · <Time at={Number(event.created_at)} />
                  </li>
                );
              }
              const comment = data as unknown as CommentData;
              // The Hub keeps an empty first comment for a discussion opened without a description: a line, not
              // an empty card.
              if (index === 0 && !comment.hidden && !comment.content) {
                return (
                  <li class="muted" data-event="no-description">
                    {who(event.author_id)} opened it without a description · <Time at={Number(event.created_at)} />
                  </li>
                );
              }
              return (
                <li class="card" id={event.id} data-comment={event.id}>
                  <p>
                    <strong data-author>{who(event.author_id)}</strong> <Time at={Number(event.created_at)} />
                    {comment.history.length > 0 && <span class="muted"> · edited</span>}
                  </p>
                  {comment.hidden ? (
                    <p class="muted">This comment has been hidden.</p>
                  ) : (
                    <p style="white-space:pre-wrap" data-content>
                      {comment.content}
                    </p>
                  )}
                </li>
              );
            })}
          </ol>
        </Layout>,
      );
    });
  }
  return app;
}

function describeChange(type: string, data: Record<string, unknown>): string {
  if (type === "status-change") return `changed the status to ${String(data.status)}`;
  if (type === "title-change") return `renamed it from "${String(data.from)}" to "${String(data.to)}"`;
  if (type === "commit") return `pushed ${String(data.oid).slice(0, 7)}: ${String(data.subject)}`;
  return type;
}
