import { isValidNamespace, isValidRepoName, namespaceOf, type RepoType } from "@hubhooks/schemas";
import { Hono } from "hono";
import { isReservedName, reservedNameMessage } from "../accounts/reserved-names.js";
import type { ServerDeps } from "../core/deps.js";
import { apiError } from "../core/errors.js";
import { readJsonBody } from "../core/json-body.js";
import { repoWebUrl } from "../events/build-payload.js";
import { loadNamespaces } from "../events/match.js";
import { isUniqueViolation } from "../store/unique-violation.js";
import { CreateRepoBody, DeleteRepoBody, MoveRepoBody, RepoSettingsBody } from "./bodies.js";
import { CARD_HEAD_BYTES, cardInfo } from "./card-data.js";
import { fileHeadAt, filesAt } from "./content-store.js";
import { guarded } from "./guarded.js";
import { lfsRoot } from "./lfs-blobs.js";
import { allRepoObjects, dropUnusedBlobs } from "./lfs-store.js";
import { flag } from "./query-flags.js";
import { repoInput } from "./repo-input.js";
import { recordMove } from "./repo-moves.js";
import { optionalAccount, REPO_PREFIXES, repoOfPath, type SandboxEnv, signedIn } from "./repo-params.js";
import { actsFor, findRepo, insertRepo, MAIN_REF, readableRepo, writableRepo } from "./repo-store.js";
import { resolveRevision } from "./revision.js";
import { spaceRuntime } from "./space-store.js";
import { repoInfo } from "./wire.js";

/** The repo part of the Hub API: create, delete, move, settings, info, whoami. Each change fires its event. */
export function repoRoutes(deps: ServerDeps) {
  const { db } = deps;
  const app = new Hono<SandboxEnv>();
  for (const path of ["/whoami-v2", "/repos/*", ...REPO_PREFIXES, ...REPO_PREFIXES.map((prefix) => `${prefix}/*`)]) {
    app.use(path, optionalAccount(db, deps.apiLimiter));
  }
  const urlOf = (type: RepoType, name: string) => repoWebUrl(deps.config.publicHubUrl, type, name);

  app.get("/whoami-v2", async (c) => {
    const account = signedIn(c);
    const orgs = await db
      .selectFrom("orgs")
      .innerJoin("org_members", "org_members.org_id", "orgs.id")
      .select(["orgs.id", "orgs.name"])
      .where("org_members.user_id", "=", account.id)
      .execute();
    return c.json({
      type: "user",
      id: account.id,
      name: account.name,
      fullname: account.name,
      email: null,
      emailVerified: false,
      isPro: false,
      canPay: false,
      avatarUrl: "",
      orgs: orgs.map((org) => ({ type: "org", id: org.id, name: org.name, fullname: org.name, roleInOrg: "admin" })),
      auth: { type: "access_token", accessToken: { displayName: "hubhooks", role: "write" } },
    });
  });

  app.post("/repos/create", async (c) => {
    const actor = signedIn(c);
    const body = await readJsonBody(c, CreateRepoBody);
    const namespace = body.organization ?? actor.name;
    const name = body.canonical ? body.name : `${namespace}/${body.name}`;
    if (!isValidNamespace(namespace) || !isValidRepoName(name) || (body.canonical && name.includes("/"))) {
      throw apiError(400, `"${name}" is not a valid repo name: use letters, digits, "-", "_" and "."`);
    }
    if (body.canonical && isReservedName(name)) throw apiError(400, reservedNameMessage(name));
    if (body.canonical && !actor.publisher) {
      throw apiError(403, "Only publisher accounts (the Hub's side) may create canonical repos such as gpt2");
    }
    if (!body.canonical && !(await actsFor(db, actor, namespace))) {
      throw apiError(403, `You don't have the rights to create a repo under the namespace "${namespace}"`);
    }
    if (await findRepo(db, body.type, name)) {
      return c.json({ error: `You already created this ${body.type} repo`, url: urlOf(body.type, name) }, 409);
    }
    const isPrivate = body.visibility ? body.visibility !== "public" : (body.private ?? false);
    const repo = await guarded(deps, actor, async ({ trx, fire }) => {
      const created = await insertRepo(trx, {
        type: body.type,
        name,
        private: isPrivate,
        createdBy: actor.id,
        ...(body.sdk && { sdk: body.sdk }),
      }).catch((error: unknown) => {
        // Two creations of one name at once: the unique index lets one through, the other is the usual 409.
        if (isUniqueViolation(error)) throw apiError(409, `You already created this ${body.type} repo`);
        throw error;
      });
      await fire([
        {
          event: { scope: "repo", action: "create" },
          repo: repoInput(created),
          updatedRefs: [{ ref: MAIN_REF, oldSha: null, newSha: created.headSha }],
        },
      ]);
      return created;
    });
    return c.json({ url: urlOf(repo.type, repo.name), name: repo.name, id: repo.id });
  });

  app.delete("/repos/delete", async (c) => {
    const actor = signedIn(c);
    const body = await readJsonBody(c, DeleteRepoBody);
    const name = body.organization ? `${body.organization}/${body.name}` : `${actor.name}/${body.name}`;
    const repo = await writableRepo(db, actor, body.type, name);
    const objects = await allRepoObjects(db, repo.id);
    await guarded(deps, actor, async ({ trx, fire }) => {
      await trx.deleteFrom("sandbox_repos").where("id", "=", repo.id).execute();
      await fire([{ event: { scope: "repo", action: "delete" }, repo: repoInput(repo) }]);
    });
    // Its LFS objects leave the disk unless another repo has them too.
    await dropUnusedBlobs(db, lfsRoot(deps.config), objects);
    return c.json({});
  });

  app.post("/repos/move", async (c) => {
    const actor = signedIn(c);
    const body = await readJsonBody(c, MoveRepoBody);
    const to = body.toRepo;
    const toNamespace = namespaceOf(to);
    if (!toNamespace || !isValidRepoName(to))
      throw apiError(400, `"${to}" is not a valid repo name: expected "namespace/name"`);
    const repo = await writableRepo(db, actor, body.type, body.fromRepo);
    if (!(await actsFor(db, actor, toNamespace))) {
      throw apiError(403, `You don't have the rights to move a repo to the namespace "${toNamespace}"`);
    }
    // Another repo of that name in any casing; a change of casing alone is a move too.
    const clash = await findRepo(db, body.type, to);
    if (clash && clash.id !== repo.id) throw apiError(409, `A ${body.type} repo named ${to} already exists`);
    const owner = (await loadNamespaces(db, deps.dialect, [toNamespace])).get(toNamespace);
    await guarded(deps, actor, async ({ trx, fire }) => {
      await trx
        .updateTable("sandbox_repos")
        .set({ name: to, updated_at: Date.now() })
        .where("id", "=", repo.id)
        .execute()
        .catch((error: unknown) => {
          if (isUniqueViolation(error)) throw apiError(409, `A ${body.type} repo named ${to} already exists`);
          throw error;
        });
      await recordMove(trx, repo.id, repo.type, repo.name);
      await fire([
        {
          event: { scope: "repo", action: "move" },
          repo: repoInput(repo),
          movedTo: { name: to, ...(owner?.id && { owner: { id: owner.id } }) },
        },
      ]);
    });
    return c.json({});
  });

  for (const prefix of REPO_PREFIXES) {
    app.put(`${prefix}/settings`, async (c) => {
      const actor = signedIn(c);
      const { type, name } = repoOfPath(c);
      const body = await readJsonBody(c, RepoSettingsBody);
      const repo = await writableRepo(db, actor, type, name);
      const wanted = body.visibility ? body.visibility !== "public" : body.private;
      const changed = wanted !== undefined && wanted !== null && wanted !== repo.private;
      // The Hub reports only `private` in updatedConfig, and {} for any other setting.
      const isPrivate = changed ? Boolean(wanted) : repo.private;
      const configEvent = {
        event: { scope: "repo.config" as const, action: "update" as const },
        repo: { ...repoInput(repo), private: isPrivate },
        updatedConfig: changed ? { private: isPrivate } : {},
      };
      if (changed) {
        await guarded(deps, actor, async ({ trx, fire }) => {
          await trx
            .updateTable("sandbox_repos")
            .set({ private: wanted ? 1 : 0, updated_at: Date.now() })
            .where("id", "=", repo.id)
            .execute();
          await fire([configEvent]);
        });
      }
      if (body.gated !== undefined && body.gated !== null) {
        // Gating is stored (repo info shows it, downloads enforce it); the Hub reports it as updatedConfig {}.
        const gated = body.gated === false ? null : body.gated;
        await guarded(deps, actor, async ({ trx, fire }) => {
          await trx
            .updateTable("sandbox_repos")
            .set({ gated, updated_at: Date.now() })
            .where("id", "=", repo.id)
            .execute();
          if (!changed) await fire([configEvent]);
        });
      }
      return c.json({ private: changed ? Boolean(wanted) : repo.private });
    });

    for (const path of [`${prefix}/revision/:revision`, prefix]) {
      app.get(path, async (c) => {
        const { type, name } = repoOfPath(c);
        const repo = await readableRepo(db, c.var.account, type, name);
        const { ref, sha } = await resolveRevision(db, repo, c.req.param("revision") ?? "main");
        const files = await filesAt(db, repo.id, ref);
        const readme = files.has("README.md")
          ? await fileHeadAt(db, repo.id, ref, "README.md", CARD_HEAD_BYTES)
          : undefined;
        const blobs = flag(c.req.query("blobs"));
        const info = repoInfo(repo, { sha, files: [...files.values()], blobs, card: cardInfo(readme) });
        // space_info reads a Space's runtime too (SpaceInfo.runtime).
        return c.json(repo.type === "space" ? { ...info, runtime: await spaceRuntime(db, repo.id) } : info);
      });
    }
  }
  return app;
}
