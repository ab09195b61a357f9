import { isValidRepoName, type RepoType } from "@hubhooks/schemas";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { Kysely } from "kysely";
import { findUserByToken } from "../accounts/account-store.js";
import type { Account } from "../core/account.js";
import type { ApiRateLimiter } from "../core/api-rate-limit.js";
import { bearerToken } from "../core/auth.js";
import { apiError } from "../core/errors.js";
import type { Database } from "../store/schema.js";
import { redirectMoved } from "./repo-moves.js";

export interface SandboxEnv {
  Variables: { account: Account | undefined; authChecked: boolean };
}

/** Repo routes come in two shapes: `/models/namespace/name/...` and, for canonical repos, `/models/name/...`. */
export const REPO_PREFIXES = [
  "/:types{models|datasets|spaces}/:namespace/:name",
  "/:types{models|datasets|spaces}/:name",
];

/**
 * The web (non-API) route shapes of a repo, each with its type: `/datasets/ns/name`, `/spaces/ns/name`,
 * `/ns/name`, and the canonical `/name` forms. Datasets and spaces come first: the first matching route wins,
 * and `/:namespace/:name` also matches `/datasets/squad` (no account may be named "datasets": reserved-names).
 */
export const WEB_REPO_ROUTES: Array<[string, RepoType]> = (
  [
    ["/datasets", "dataset"],
    ["/spaces", "space"],
    ["", "model"],
  ] as const
).flatMap(([prefix, type]) => [
  [`${prefix}/:namespace/:name`, type],
  [`${prefix}/:name`, type],
]);

/** The full repo name a web route names (`namespace/name` or a canonical `name`). */
export function repoNameOfParams(c: Context): string {
  const namespace = c.req.param("namespace");
  return namespace ? `${namespace}/${c.req.param("name")}` : (c.req.param("name") ?? "");
}

/** The repo type and full name named by the path. */
export function repoOfPath(c: Context): { type: RepoType; name: string } {
  const type = c.req.param("types")?.slice(0, -1) as RepoType;
  const namespace = c.req.param("namespace");
  const name = namespace ? `${namespace}/${c.req.param("name")}` : (c.req.param("name") ?? "");
  if (!isValidRepoName(name))
    throw apiError(400, `"${name}" is not a valid repo name: expected "name" or "namespace/name"`);
  return { type, name };
}

/**
 * Reads are open to anyone (private repos only to their writers); a token, when sent, must be valid and counts
 * against the per-token API limit like every other API call; without one, the request counts against its client
 * address's anonymous limit.
 */
export function optionalAccount(db: Kysely<Database>, limiter?: ApiRateLimiter) {
  return createMiddleware<SandboxEnv>(async (c, next) => {
    // The sandbox's route groups each check; the first check of a request stands (and counts once).
    if (c.var.authChecked) return next();
    c.set("authChecked", true);
    const token = bearerToken(c.req.header("Authorization"));
    const account = token ? await findUserByToken(db, token) : undefined;
    if (token && !account) throw apiError(401, "Invalid credentials in Authorization header");
    if (token && account) await limiter?.check(c, token, account);
    // Reads without a token: counted per client address, so nobody floods the open reads anonymously.
    if (!token) await limiter?.checkAnonymous(c);
    c.set("account", account);
    await next();
    redirectMoved(c);
  });
}

export function signedIn(c: Context<SandboxEnv>): Account {
  const account = c.var.account;
  if (!account) throw apiError(401, "Missing access token: send an Authorization: Bearer hf_... header");
  return account;
}
