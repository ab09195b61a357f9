import { createMiddleware } from "hono/factory";
import type { Kysely } from "kysely";
import { findUserByToken } from "../accounts/account-store.js";
import type { Database } from "../store/schema.js";
import type { ApiRateLimiter } from "./api-rate-limit.js";
import type { AppEnv } from "./deps.js";
import { apiError } from "./errors.js";

export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

/** Resolves `Authorization: Bearer hf_…` to an account, or answers 401; then applies the per-token API limit. */
export function requireAccount(db: Kysely<Database>, limiter?: ApiRateLimiter) {
  return createMiddleware<AppEnv>(async (c, next) => {
    // Two features mounted on one prefix both ask; the first answer stands.
    if (c.get("account")) return next();
    const token = bearerToken(c.req.header("Authorization"));
    if (!token) throw apiError(401, "Missing access token: send an Authorization: Bearer hf_... header");
    const account = await findUserByToken(db, token);
    if (!account) throw apiError(401, "Invalid access token");
    limiter?.check(c, token, account);
    c.set("account", account);
    await next();
  });
}
