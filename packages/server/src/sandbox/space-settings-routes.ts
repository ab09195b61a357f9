import type { Context, Hono } from "hono";
import type { ServerDeps } from "../core/deps.js";
import { readJsonBody } from "../core/json-body.js";
import { repoNameOfParams, type SandboxEnv, signedIn } from "./repo-params.js";
import { writableRepo } from "./repo-store.js";
import { SettingBody, SettingKeyBody, SPACE_PREFIXES } from "./space-bodies.js";
import { deleteSpaceSetting, putSpaceSetting, type SettingKind, spaceSettings } from "./space-store.js";

/**
 * `GET/POST/DELETE /api/spaces/{repo}/secrets` and `…/variables`, for the Space's writers only. Secrets are listed
 * by key, description and updatedAt: their values are not kept at all (no Space runs here). Variables answer
 * every variable after a change, as add_space_variable / delete_space_variable read it. The Hub fires no webhook
 * for these changes, so neither does the sandbox.
 */
export function spaceSettingsRoutes(app: Hono<SandboxEnv>, deps: ServerDeps): void {
  const { db } = deps;
  const routes: Array<[string, SettingKind]> = [
    ["secrets", "secret"],
    ["variables", "variable"],
  ];
  for (const prefix of SPACE_PREFIXES) {
    for (const [path, kind] of routes) {
      const route = `${prefix}/${path}`;
      const space = (c: Context<SandboxEnv>) => writableRepo(db, signedIn(c), "space", repoNameOfParams(c));
      app.get(route, async (c) => c.json(await spaceSettings(db, (await space(c)).id, kind)));
      app.post(route, async (c) => {
        const repo = await space(c);
        const body = await readJsonBody(c, SettingBody);
        await putSpaceSetting(db, repo.id, kind, { ...body, description: body.description ?? undefined });
        return c.json(kind === "variable" ? await spaceSettings(db, repo.id, kind) : {});
      });
      app.delete(route, async (c) => {
        const repo = await space(c);
        const { key } = await readJsonBody(c, SettingKeyBody);
        await deleteSpaceSetting(db, repo.id, kind, key);
        return c.json(kind === "variable" ? await spaceSettings(db, repo.id, kind) : {});
      });
    }
  }
}
