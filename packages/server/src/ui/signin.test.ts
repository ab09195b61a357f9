import { beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, useServer } from "../test-support/harness.js";
import { over, uiSignIn } from "../test-support/ui-session.js";

const form = (fields: Record<string, string>) => new URLSearchParams(fields);

describe.each(DIALECTS)("sign-in on %s", (dialect) => {
  const h = useServer(dialect);
  let url = "";
  let token = "";
  beforeAll(async () => {
    url = await h.server.listen({ port: 0 });
    token = (await h.user("alice")).token;
  });
  const post = (body: URLSearchParams, headers: Record<string, string> = {}) =>
    fetch(`${url}/signin`, { method: "POST", body, headers, redirect: "manual" });

  it("refuses a sign-in form posted from elsewhere (login CSRF): no session for the attacker's token", async () => {
    // A page on another site can post a form with the attacker's token, but cannot read or set our cookie.
    const forged = await post(form({ token }));
    expect(forged.status).toBe(403);
    expect(forged.headers.get("set-cookie") ?? "").not.toContain("hubhooks_session");
    const page = await fetch(`${url}/signin`);
    const cookie = (page.headers.get("set-cookie") ?? "").split(";")[0] as string;
    const csrf = (await page.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] as string;
    expect(cookie).toMatch(/^hubhooks_signin=/);
    expect(page.headers.get("set-cookie")).toMatch(/HttpOnly/);
    expect(page.headers.get("set-cookie")).toMatch(/SameSite=Strict/);
    expect((await post(form({ token, _csrf: "forged" }), { cookie })).status).toBe(403);
    expect((await post(form({ token, _csrf: csrf }), { cookie, origin: "https://evil.example" })).status).toBe(403);
    expect((await post(form({ token, _csrf: csrf }), { cookie, "sec-fetch-site": "cross-site" })).status).toBe(403);
    const signedIn = await post(form({ token, _csrf: csrf }), { cookie, origin: url, "sec-fetch-site": "same-origin" });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get("set-cookie")).toContain("hubhooks_session=");
  });

  it("marks every page no-store, unframeable and under a CSP: UI pages, sign-in, sandbox pages, 404s", async () => {
    const { cookie } = await uiSignIn(over(url), token, url);
    await h.call(token, "POST", "/api/repos/create", { name: "pub" });
    for (const [path, headers] of [
      ["/signin", {}],
      ["/settings/webhooks", { cookie }],
      ["/settings/webhooks/new", { cookie }],
      ["/alice/pub/discussions", {}],
      ["/nope/nope/discussions", {}],
      ["/no/such/page", { cookie }],
    ] as Array<[string, Record<string, string>]>) {
      const res = await fetch(`${url}${path}`, { headers, redirect: "manual" });
      expect(res.headers.get("content-type"), path).toMatch(/text\/html/);
      expect(res.headers.get("cache-control"), path).toBe("no-store");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("content-security-policy"), path).toContain("frame-ancestors 'none'");
    }
  });
});

describe("sign-in attempts are throttled per client address", () => {
  const h = useServer("sqlite");
  let url = "";
  beforeAll(async () => {
    url = await h.server.listen({ port: 0 });
  });

  it("answers 429 with Retry-After past the limit, before looking the token up, and other pages still work", async () => {
    const { token } = await h.user("bob");
    const page = await fetch(`${url}/signin`);
    const cookie = (page.headers.get("set-cookie") ?? "").split(";")[0] as string;
    const csrf = (await page.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] as string;
    const attempt = (t: string) =>
      fetch(`${url}/signin`, {
        method: "POST",
        body: form({ token: t, _csrf: csrf }),
        headers: { cookie, origin: url },
        redirect: "manual",
      });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await attempt(`hf_wrong${i}`)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    const limited = await attempt(token);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.text()).toContain("Too many sign-in attempts");
    expect(limited.headers.get("set-cookie") ?? "").not.toContain("hubhooks_session");
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });
});
