import { createMiddleware } from "hono/factory";
import type { Kysely } from "kysely";
import type { ApiRateLimiter } from "../core/api-rate-limit.js";
import { bearerToken } from "../core/auth.js";
import type { AppEnv } from "../core/deps.js";
import { apiError } from "../core/errors.js";
import type { Database } from "../store/schema.js";
import { findUserByToken } from "./account-store.js";

/** Resolves `Authorization: Bearer hf_…` to an account, or answers 401; then applies the per-token API limit. */
export function requireAccount(db: Kysely<Database>, limiter?: ApiRateLimiter) {
  return createMiddleware<AppEnv>(async (c, next) => {
    // Two features mounted on one prefix both ask; the first answer stands.
    if (c.get("account")) return next();
    const token = bearerToken(c.req.header("Authorization"));
    if (!token) throw apiError(401, "Missing access token: send an Authorization: Bearer hf_... header");
    const account = await findUserByToken(db, token);
    if (!account) throw apiError(401, "Invalid access token");
    await limiter?.check(c, token, account);
    c.set("account", account);
    await next();
  });
}
