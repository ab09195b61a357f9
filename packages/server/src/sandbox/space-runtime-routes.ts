import type { Context, Hono } from "hono";
import type { ServerDeps } from "../core/deps.js";
import { readJsonBody } from "../core/json-body.js";
import { optionalAccount, repoNameOfParams, type SandboxEnv, signedIn } from "./repo-params.js";
import { readableRepo, type SandboxRepo, writableRepo } from "./repo-store.js";
import { HardwareBody, SleepTimeBody, SPACE_PREFIXES } from "./space-bodies.js";
import { type RuntimeSettings, runtimeSettings, saveRuntimeSettings, spaceRuntime } from "./space-store.js";

/**
 * A Space's runtime, stored with nothing running: `GET …/runtime` (anyone who can read the Space), and for its
 * writers `POST …/restart` (unpauses), `…/pause`, `…/hardware` ({flavor, sleepTimeSeconds}) and `…/sleeptime`
 * ({seconds}); each answers the runtime as SpaceRuntime parses it. The Hub fires no webhook for these.
 */
export function spaceRuntimeRoutes(app: Hono<SandboxEnv>, deps: ServerDeps): void {
  const { db } = deps;
  const change = (c: Context<SandboxEnv>, edit: (settings: RuntimeSettings, c: Context<SandboxEnv>) => Promise<void>) =>
    (async () => {
      const repo: SandboxRepo = await writableRepo(db, signedIn(c), "space", repoNameOfParams(c));
      const settings = await runtimeSettings(db, repo.id);
      await edit(settings, c);
      await saveRuntimeSettings(db, repo.id, settings);
      return c.json(await spaceRuntime(db, repo.id));
    })();
  for (const prefix of SPACE_PREFIXES) {
    app.use(`${prefix}/*`, optionalAccount(db, deps.apiLimiter));
    app.get(`${prefix}/runtime`, async (c) => {
      const repo = await readableRepo(db, c.var.account, "space", repoNameOfParams(c));
      return c.json(await spaceRuntime(db, repo.id));
    });
    app.post(`${prefix}/restart`, (c) =>
      change(c, async (settings) => {
        settings.paused = false;
      }),
    );
    app.post(`${prefix}/pause`, (c) =>
      change(c, async (settings) => {
        settings.paused = true;
      }),
    );
    app.post(`${prefix}/hardware`, (c) =>
      change(c, async (settings) => {
        const body = await readJsonBody(c, HardwareBody);
        settings.requested = body.flavor;
        if (body.sleepTimeSeconds !== undefined && body.sleepTimeSeconds !== null) {
          settings.sleepTime = body.sleepTimeSeconds;
        }
      }),
    );
    app.post(`${prefix}/sleeptime`, (c) =>
      change(c, async (settings) => {
        settings.sleepTime = (await readJsonBody(c, SleepTimeBody)).seconds;
      }),
    );
  }
}
