import { createMiddleware } from "hono/factory";
import { type Parsed, readForm } from "./form-input.js";
import { NotFoundPage } from "./pages/not-found.js";
import { csrfValid, type UiEnv } from "./session.js";
import type { Session } from "./session-store.js";

/** What the pages past sign-in see: a session for sure, and for a POST its checked form. */
export interface SignedInEnv {
  Variables: { session: Session; sessionId: string | undefined; form: Parsed };
}

/**
 * The one check of every page past sign-in: without a session, to the sign-in page; a POST must carry the
 * session's CSRF token and come from this site (403 otherwise), and its form is read once for the handler.
 */
export function requireSignedIn() {
  return createMiddleware<UiEnv & { Variables: { form: Parsed } }>(async (c, next) => {
    const session = c.var.session;
    if (!session) return c.redirect("/signin");
    if (c.req.method === "POST") {
      const form = await readForm(c);
      const header = (name: string) => c.req.header(name);
      if (!csrfValid(session, form._csrf, header("Origin"), header("Host"), header("Sec-Fetch-Site"))) {
        return c.html(<NotFoundPage session={session} what="Form" />, 403);
      }
      c.set("form", form);
    }
    await next();
  });
}
