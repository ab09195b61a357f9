import { describe, expect, it } from "vitest";
import { createOrg } from "../accounts/org-store.js";
import { DIALECTS, useServer } from "../test-support/harness.js";
import { ndjsonCommit } from "../test-support/sandbox-kit.js";
import { uiSignIn } from "../test-support/ui-session.js";

describe.each(DIALECTS)("web URLs of every repo type on %s", (dialect) => {
  const h = useServer(dialect, { delivery: { publicHubUrl: "http://hub.test" } });

  it("serves canonical and namespaced datasets, spaces and models at the url.web the payloads carry", async () => {
    const hub = await h.user("hub", { publisher: true });
    const alice = await h.user("alice");
    const repos: Array<[string, "model" | "dataset" | "space", boolean]> = [
      ["squad", "dataset", true],
      ["chat", "space", true],
      ["gpt2", "model", true],
      ["data", "dataset", false],
      ["app", "space", false],
      ["bert", "model", false],
    ];
    for (const [name, type, canonical] of repos) {
      const token = canonical ? hub.token : alice.token;
      const created = await h.call(token, "POST", "/api/repos/create", { name, type, canonical });
      const full = ((await created.json()) as { name: string }).name;
      const api = `/api/${type}s/${full}`;
      const commit = await h.server.app.request(`${api}/commit/main`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/x-ndjson" },
        body: ndjsonCommit("Card", { "README.md": `# ${full}` }),
      });
      expect(commit.status, await commit.text()).toBe(200);
      const opened = await h.call(alice.token, "POST", `${api}/discussions`, { title: "Hi", description: "x" });
      const { url } = (await opened.json()) as { url: string };
      const web = url.replace("http://hub.test", "").replace(/\/discussions\/1$/, "");
      expect(web).toBe(`${type === "model" ? "" : `/${type}s`}/${full}`);
      const file = await h.call(undefined, "GET", `${web}/resolve/main/README.md`);
      expect(file.status, `${web}: ${file.status}`).toBe(200);
      expect(await file.text()).toBe(`# ${full}`);
      const page = await h.call(undefined, "GET", `${web}/discussions/1`);
      expect(page.status, `${web}/discussions/1`).toBe(200);
      expect(await page.text()).toContain("Hi");
      expect((await h.call(undefined, "GET", `${web}/discussions`)).status, `${web}/discussions`).toBe(200);
      // The repo's own page: its files on main linking to their downloads, and its discussions.
      const home = await h.call(undefined, "GET", web);
      const html = await home.text();
      expect(home.status, web).toBe(200);
      expect(home.headers.get("content-type")).toMatch(/text\/html/);
      expect(html).toContain(`href="${web}/resolve/main/README.md"`);
      expect(html).toContain(`href="${web}/discussions/1"`);
    }
  });

  it("repo pages come after every UI page; private, unknown and moved repos answer as elsewhere", async () => {
    const carol = await h.user("carol");
    await h.call(carol.token, "POST", "/api/repos/create", { name: "secret", private: true });
    await h.call(carol.token, "POST", "/api/repos/create", { name: "old" });
    await h.call(carol.token, "POST", "/api/repos/move", { fromRepo: "carol/old", toRepo: "carol/new", type: "model" });
    // UI pages keep their routes (sign-in page, the settings' sign-in redirect, the docs).
    const signin = await h.call(undefined, "GET", "/signin");
    expect(signin.status).toBe(200);
    expect(await signin.text()).not.toContain("data-repo");
    expect((await h.call(undefined, "GET", "/settings/webhooks")).status).toBe(302);
    expect((await h.call(undefined, "GET", "/docs")).status).toBe(200);
    const hidden = await h.call(undefined, "GET", "/carol/secret");
    expect(hidden.status).toBe(404);
    expect(await hidden.text()).toContain("Page not found");
    // Its writer, signed in to the UI, sees it; another signed-in user does not.
    const request = (path: string, init?: RequestInit) => h.server.app.request(path, init);
    const own = await uiSignIn(request, carol.token);
    const mine = await h.server.app.request("/carol/secret", { headers: { cookie: own.cookie } });
    expect(mine.status).toBe(200);
    expect(await mine.text()).toContain('data-repo="carol/secret"');
    const ownDiscussions = await h.server.app.request("/carol/secret/discussions", { headers: { cookie: own.cookie } });
    expect(ownDiscussions.status).toBe(200);
    const dave = await uiSignIn(request, (await h.user("dave")).token);
    for (const path of ["/carol/secret", "/carol/secret/discussions"]) {
      expect((await h.server.app.request(path, { headers: { cookie: dave.cookie } })).status, path).toBe(404);
      expect((await h.call(undefined, "GET", path)).status, path).toBe(404);
    }
    expect((await h.call(undefined, "GET", "/carol/none")).status).toBe(404);
    const moved = await h.call(undefined, "GET", "/carol/old");
    expect(moved.status).toBe(307);
    expect(moved.headers.get("location")).toBe("/carol/new");
    expect((await h.call(undefined, "GET", "/carol/new")).status).toBe(200);
  });

  it("reserves the names the web routes use: no user, org or canonical repo may take them", async () => {
    const hub = await h.user("hub2", { publisher: true });
    for (const name of ["datasets", "spaces", "models", "api", "settings", "signin", "resolve", "Datasets"]) {
      await expect(h.user(name), name).rejects.toThrow(`"${name}" is reserved`);
      await expect(createOrg(h.server.db, name), name).rejects.toThrow(`"${name}" is reserved`);
      const repo = await h.call(hub.token, "POST", "/api/repos/create", { name, canonical: true });
      expect(repo.status, name).toBe(400);
      expect(((await repo.json()) as { error: string }).error).toContain("reserved");
    }
  });
});
