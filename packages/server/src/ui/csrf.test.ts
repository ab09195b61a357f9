import { beforeAll, describe, expect, it } from "vitest";
import { useServer } from "../test-support/harness.js";
import { uiSignIn } from "../test-support/ui-session.js";

describe("UI session and CSRF protection", () => {
  const h = useServer("sqlite");
  let cookie: string;
  let csrf: string;
  beforeAll(async () => {
    const { token } = await h.user("ui-user");
    const signedIn = await uiSignIn((path, init) => h.server.app.request(path, init), token);
    cookie = signedIn.cookie;
    csrf = signedIn.csrf;
    expect(signedIn.setCookie).toMatch(/HttpOnly.*SameSite=Strict|SameSite=Strict.*HttpOnly/);
  });

  const post = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    h.server.app.request("/settings/webhooks", {
      method: "POST",
      headers: { cookie, ...headers },
      body: new URLSearchParams({
        url: "https://e.x/h",
        watched_type: "user",
        watched_name: "x",
        domains: "repo",
        ...fields,
      }),
    });

  it("refuses a form without the CSRF token, with a wrong one, or from another origin", async () => {
    expect((await post({})).status).toBe(403);
    expect((await post({ _csrf: "forged" })).status).toBe(403);
    expect((await post({ _csrf: csrf }, { origin: "https://evil.example", host: "localhost" })).status).toBe(403);
    const list = await (await h.server.app.request("/settings/webhooks", { headers: { cookie } })).text();
    expect(list).toContain("No webhook yet");
  });

  it("accepts the session's own form", async () => {
    const res = await post({ _csrf: csrf });
    expect(res.status).toBe(303);
  });

  it("sends visitors without a session to sign in", async () => {
    const res = await h.server.app.request("/settings/webhooks");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/signin");
  });
});
