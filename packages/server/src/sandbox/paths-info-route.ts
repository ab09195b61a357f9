import type { Context, Hono } from "hono";
import { z } from "zod";
import type { ServerDeps } from "../core/deps.js";
import { apiError } from "../core/errors.js";
import { filesAt } from "./content-store.js";
import { withLastCommits } from "./last-commits.js";
import { REPO_PREFIXES, repoOfPath, type SandboxEnv } from "./repo-params.js";
import { readableRepo } from "./repo-store.js";
import { resolveRevision } from "./revision.js";
import { fileEntry, folderEntry, foldersOf, type TreeEntry } from "./tree-listing.js";

const MAX_PATHS = 1000;
const PathsBody = z.object({
  paths: z.array(z.string()).max(MAX_PATHS, `At most ${MAX_PATHS} paths per request`),
  expand: z.boolean().optional(),
});

/**
 * The body as `get_paths_info` sends it — a form (`paths=a&paths=b&expand=False`) — or as JSON, which the Hub
 * accepts too.
 */
async function pathsOf(c: Context): Promise<{ paths: string[]; expand: boolean }> {
  const isJson = (c.req.header("Content-Type") ?? "").includes("application/json");
  let body: unknown;
  try {
    if (isJson) body = await c.req.json();
    else {
      const form = new URLSearchParams(await c.req.text());
      body = {
        paths: form.getAll("paths").concat(form.getAll("paths[]")),
        expand: ["true", "1"].includes((form.get("expand") ?? "").toLowerCase()),
      };
    }
  } catch {
    throw apiError(400, "Invalid JSON body");
  }
  const parsed = PathsBody.safeParse(body);
  if (!parsed.success) throw apiError(400, `Invalid body: ${parsed.error.issues[0]?.message ?? "paths is required"}`);
  return { paths: parsed.data.paths, expand: parsed.data.expand ?? false };
}

/**
 * `POST /api/{type}s/{repo}/paths-info/{revision}`: what each named path is at a revision (a file with its size
 * and blob id, or a folder), in the order asked; paths that do not exist are left out, as the Hub leaves them.
 */
export function pathsInfoRoute(app: Hono<SandboxEnv>, deps: ServerDeps): void {
  for (const prefix of REPO_PREFIXES) {
    app.post(`${prefix}/paths-info/:revision`, async (c) => {
      const { type, name } = repoOfPath(c);
      const repo = await readableRepo(deps.db, c.var.account, type, name);
      const revision = await resolveRevision(deps.db, repo, c.req.param("revision"));
      const { paths, expand } = await pathsOf(c);
      const files = await filesAt(deps.db, repo.id, revision.ref);
      const folders = foldersOf(files.values());
      const entries: TreeEntry[] = [];
      for (const path of new Set(paths.map((path) => path.replace(/^\/+|\/+$/g, "")))) {
        const file = files.get(path);
        const held = folders.get(path);
        if (file) entries.push(fileEntry(file));
        else if (held) entries.push(folderEntry(path, held));
      }
      return c.json(expand ? await withLastCommits(deps.db, repo.id, revision.ref, entries) : entries);
    });
  }
}
