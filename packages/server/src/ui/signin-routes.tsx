import { randomBytes } from "node:crypto";
import type { Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { findUserByToken } from "../accounts/account-store.js";
import type { ServerDeps } from "../core/deps.js";
import { constantTimeEqual } from "./constant-time.js";
import { readForm } from "./form-input.js";
import { SignInPage } from "./pages/signin.js";
import { SESSION_COOKIE, sameOrigin, type UiEnv } from "./session.js";
import { createSession } from "./session-store.js";
import { SIGNIN_ATTEMPTS_PER_MINUTE } from "./signin-limit.js";

/** The pre-session CSRF cookie: the sign-in form carries its value, which another site can neither read nor set. */
const SIGNIN_COOKIE = "hubhooks_signin";

const secure = (c: Context) => new URL(c.req.url).protocol === "https:";

/** A fresh sign-in token, set as the pre-session cookie. */
function issueSignInToken(c: Context): string {
  const token = randomBytes(24).toString("base64url");
  setCookie(c, SIGNIN_COOKIE, token, { httpOnly: true, sameSite: "Strict", path: "/signin", secure: secure(c) });
  return token;
}

/**
 * Sign-in is a form like the others: it carries a token bound to a cookie of this site, and a post from another
 * site or origin is refused (login CSRF would sign the victim's browser in as the attacker). Attempts are
 * limited per client address before the token is looked up.
 */
export function registerSignIn(app: Hono<UiEnv>, { db, apiLimiter }: ServerDeps): void {
  app.get("/signin", (c) =>
    c.var.session
      ? c.redirect("/settings/webhooks")
      : c.html(<SignInPage csrf={getCookie(c, SIGNIN_COOKIE) ?? issueSignInToken(c)} />),
  );
  app.post("/signin", async (c) => {
    const wait = await apiLimiter.checkSignIn(c, SIGNIN_ATTEMPTS_PER_MINUTE);
    const expected = getCookie(c, SIGNIN_COOKIE);
    if (wait !== undefined) {
      c.header("Retry-After", String(wait));
      const error = `Too many sign-in attempts from your address: try again in ${wait} s.`;
      return c.html(<SignInPage csrf={expected ?? issueSignInToken(c)} error={error} />, 429);
    }
    const form = await readForm(c);
    const fromHere = sameOrigin(c.req.header("Origin"), c.req.header("Host"), c.req.header("Sec-Fetch-Site"));
    if (!fromHere || !expected || typeof form._csrf !== "string" || !constantTimeEqual(form._csrf, expected)) {
      const error = "This sign-in form has expired or was sent from another site: sign in again here.";
      return c.html(<SignInPage csrf={issueSignInToken(c)} error={error} />, 403);
    }
    const token = typeof form.token === "string" ? form.token.trim() : "";
    const account = token ? await findUserByToken(db, token) : undefined;
    if (!account) return c.html(<SignInPage csrf={expected} error="This token is not valid on this server." />, 401);
    const id = await createSession(db, account.id);
    deleteCookie(c, SIGNIN_COOKIE, { path: "/signin" });
    setCookie(c, SESSION_COOKIE, id, {
      httpOnly: true,
      sameSite: "Strict",
      path: "/",
      secure: secure(c),
      maxAge: 7 * 24 * 3600,
    });
    return c.redirect("/settings/webhooks", 303);
  });
}
