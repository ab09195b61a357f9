import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { Kysely } from "kysely";
import type { Database } from "../store/schema.js";
import { constantTimeEqual } from "./constant-time.js";
import { findSession, type Session } from "./session-store.js";

export const SESSION_COOKIE = "hubhooks_session";

export interface UiEnv {
  Variables: { session: Session | undefined; sessionId: string | undefined };
}

/** Loads the session of the cookie, if any; pages decide whether they need one. */
export function loadSession(db: Kysely<Database>) {
  return createMiddleware<UiEnv>(async (c, next) => {
    const id = getCookie(c, SESSION_COOKIE);
    c.set("sessionId", id);
    c.set("session", id ? await findSession(db, id) : undefined);
    await next();
  });
}

/**
 * False for a request the browser says came from another site or origin (`Sec-Fetch-Site`, `Origin`); clients
 * that send neither (curl, scripts) are judged by the form's token alone.
 */
export function sameOrigin(
  origin: string | undefined,
  host: string | undefined,
  fetchSite: string | undefined,
): boolean {
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") return false;
  return !(origin && host && (!URL.canParse(origin) || new URL(origin).host !== host));
}

/**
 * Every state-changing form carries the session's CSRF token; a cross-site Origin is refused outright too
 * (the cookie is SameSite=Strict as well: three locks on one door).
 */
export function csrfValid(
  session: Session,
  token: unknown,
  origin: string | undefined,
  host: string | undefined,
  fetchSite?: string | undefined,
): boolean {
  if (!sameOrigin(origin, host, fetchSite)) return false;
  return typeof token === "string" && constantTimeEqual(token, session.csrfToken);
}
