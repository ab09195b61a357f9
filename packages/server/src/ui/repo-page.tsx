import type { RepoType } from "@hubhooks/schemas";
import { type Context, Hono } from "hono";
import type { ServerDeps } from "../core/deps.js";
import { repoWebUrl } from "../events/build-payload.js";
import { filesAt } from "../sandbox/content-store.js";
import { listDiscussions } from "../sandbox/discussion-store.js";
import { RepoMovedError } from "../sandbox/repo-moves.js";
import { repoNameOfParams, WEB_REPO_ROUTES } from "../sandbox/repo-params.js";
import { MAIN_REF, readableRepo } from "../sandbox/repo-store.js";
import { Layout } from "./layout.js";
import { DiscussionList } from "./pages/discussion-list.js";
import type { UiEnv } from "./session.js";

const MAX_FILES = 1000;
const MAX_DISCUSSIONS = 50;
const encodePath = (path: string) => path.split("/").map(encodeURIComponent).join("/");

/**
 * A sandbox repo's page at the `url.web` its payloads carry (`/ns/name`, `/datasets/ns/name`, `/spaces/ns/name`,
 * and canonical `/name` forms): the files on main, each linking to its download, and the latest discussions.
 * Mounted after every other page, just before the catch-all, so a page of the UI always wins over a repo name.
 * Private repos show to those who may read them (their session's account); to others it is "not found".
 */
export function repoPages(deps: ServerDeps) {
  const { db } = deps;
  const app = new Hono<UiEnv>();
  const page = async (c: Context<UiEnv>, type: RepoType, next: () => Promise<void>) => {
    const session = c.get("session");
    const name = repoNameOfParams(c);
    let repo: Awaited<ReturnType<typeof readableRepo>>;
    try {
      repo = await readableRepo(db, session?.account, type, name);
    } catch (error) {
      if (error instanceof RepoMovedError) return c.redirect(repoWebUrl("", type, error.movedTo), 307);
      // Not a repo (or not one to show): the UI's catch-all answers, a page or an API path's JSON 404.
      await next();
      return;
    }
    const web = repoWebUrl("", repo.type, repo.name);
    const files = [...(await filesAt(db, repo.id, MAIN_REF)).values()].sort((a, b) => (a.path < b.path ? -1 : 1));
    const discussions = (await listDiscussions(db, repo.id)).slice(0, MAX_DISCUSSIONS);
    return c.html(
      <Layout title={repo.name} session={session}>
        <h1 data-repo={repo.name}>{repo.name}</h1>
        <p>
          <span class="badge">{repo.type}</span> {repo.private && <span class="badge">private</span>}{" "}
          <span class="muted">main at {repo.headSha.slice(0, 7)}</span>
        </p>
        <h2>Files on main</h2>
        <ul class="card" data-files>
          {files.slice(0, MAX_FILES).map((file) => (
            <li data-file={file.path}>
              <a href={`${web}/resolve/main/${encodePath(file.path)}`}>{file.path}</a>{" "}
              <span class="muted">
                {Number(file.size)} bytes{file.lfs_sha256 ? " · LFS" : ""}
              </span>
            </li>
          ))}
        </ul>
        {files.length > MAX_FILES && (
          <p class="muted">
            The first {MAX_FILES} of {files.length} files.
          </p>
        )}
        <h2>
          <a href={`${web}/discussions`}>Discussions</a>
        </h2>
        <DiscussionList base={`${web}/discussions`} discussions={discussions} />
      </Layout>,
    );
  };
  for (const [repoPath, type] of WEB_REPO_ROUTES) app.get(repoPath, (c, next) => page(c, type, next));
  return app;
}
