import { beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, useServer } from "../test-support/harness.js";
import { jobsKit } from "../test-support/jobs-kit.js";
import { uiSignIn } from "../test-support/ui-session.js";

describe.each(DIALECTS)("the settings form for webhooks that start a Job on %s", (dialect) => {
  const h = useServer(dialect);
  const kit = jobsKit(h);
  let alice: { id: string; token: string };
  let bob: { id: string; token: string };
  let session: { cookie: string; csrf: string };
  beforeAll(async () => {
    alice = await h.user("alice");
    bob = await h.user("bob");
    session = await uiSignIn((path, init) => h.server.app.request(path, init), alice.token);
  });

  const post = (path: string, url: string) =>
    h.server.app.request(path, {
      method: "POST",
      headers: { cookie: session.cookie },
      body: new URLSearchParams({
        _csrf: session.csrf,
        url,
        watched_type: "user",
        watched_name: "alice",
        domains: "repo",
      }),
    });

  it("takes job:<id> of the user's own job as the target, and keeps it when the form is saved again", async () => {
    const job = await kit.run(alice.token, "alice", ["true"]);
    const created = await post("/settings/webhooks", `job:${job.id}`);
    expect(created.status).toBe(303);
    const [webhook] = (await (await h.call(alice.token, "GET", "/api/settings/webhooks")).json()) as Array<{
      id: string;
      url: null;
      job: { command: string[] };
    }>;
    expect(webhook).toMatchObject({ url: null, job: { command: ["true"] } });
    const page = await (
      await h.server.app.request(`/settings/webhooks/${webhook?.id}`, { headers: { cookie: session.cookie } })
    ).text();
    expect(page).toContain(`value="job:${job.id}"`);
    expect((await post(`/settings/webhooks/${webhook?.id}`, `job:${job.id}`)).status).toBe(303);
  });

  it("refuses another user's job, as if it did not exist", async () => {
    const foreign = await kit.run(bob.token, "bob", ["true"]);
    const res = await post("/settings/webhooks", `job:${foreign.id}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("No job of yours");
  });
});
