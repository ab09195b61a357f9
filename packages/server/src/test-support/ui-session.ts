import { expect } from "vitest";

type Request = (path: string, init?: RequestInit) => Promise<Response> | Response;

/** The `name=value` of the cookie `res` sets whose name starts with `prefix` ("" when none). */
const cookieOf = (res: Response, prefix = "") =>
  res.headers
    .getSetCookie()
    .find((line) => line.startsWith(prefix))
    ?.split(";")[0] ?? "";

/**
 * Signs in through the sign-in page as a browser does (its form and cookie, then the POST from the same
 * origin) and returns the session cookie and the session's CSRF token. `request` is `app.request`, or a fetch
 * bound to a listening server's URL.
 */
export async function uiSignIn(request: Request, token: string, origin = "http://localhost") {
  const page = await request("/signin");
  const preCookie = cookieOf(page, "hubhooks_signin=");
  const signinCsrf = (await page.text()).match(/name="_csrf" value="([^"]+)"/)?.[1];
  const signin = await request("/signin", {
    method: "POST",
    redirect: "manual",
    headers: { origin, ...(preCookie && { cookie: preCookie }) },
    body: new URLSearchParams({ token, ...(signinCsrf && { _csrf: signinCsrf }) }),
  });
  expect(signin.status).toBe(303);
  const setCookie = signin.headers.getSetCookie().find((line) => line.startsWith("hubhooks_session=")) ?? "";
  const cookie = cookieOf(signin, "hubhooks_session=");
  const form = await (await request("/settings/webhooks/new", { headers: { cookie } })).text();
  const csrf = form.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? "";
  expect(csrf).toBeTruthy();
  return { cookie, csrf, setCookie };
}

/** `request` for a server listening at `url`. */
export const over =
  (url: string): Request =>
  (path, init) =>
    fetch(`${url}${path}`, init);
