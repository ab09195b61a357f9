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
    // The page shows it as "Start a Job" with that job chosen, and the spec each event's clone runs.
    expect(page).toMatch(/name="target" value="job" checked/);
    expect(page).toContain(`<option value="${job.id}" selected`);
    expect(page).toContain('data-spec="command"');
    expect((await post(`/settings/webhooks/${webhook?.id}`, `job:${job.id}`)).status).toBe(303);
  });

  it('takes "Start a Job" with one of the user\'s jobs chosen, and asks for a job when none is', async () => {
    const job = await kit.run(alice.token, "alice", ["echo", "chosen"]);
    const form = (fields: Record<string, string>) =>
      h.server.app.request("/settings/webhooks", {
        method: "POST",
        headers: { cookie: session.cookie },
        body: new URLSearchParams({
          _csrf: session.csrf,
          watched_type: "user",
          watched_name: "alice",
          domains: "repo",
          ...fields,
        }),
      });
    const missing = await form({ target: "job", job_id: "", url: "https://e.x/ignored" });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("Choose the job");
    const chosen = await form({ target: "job", job_id: job.id, url: "https://e.x/ignored" });
    expect(chosen.status, (await chosen.clone().text()).match(/role="alert">[^<]*/g)?.join()).toBe(303);
    const webhooks = (await (await h.call(alice.token, "GET", "/api/settings/webhooks")).json()) as Array<{
      url: string | null;
      job?: { command: string[] };
    }>;
    expect(webhooks.some((w) => w.url === null && w.job?.command.join(" ") === "echo chosen")).toBe(true);
  });

  it("refuses another user's job, as if it did not exist", async () => {
    const foreign = await kit.run(bob.token, "bob", ["true"]);
    const res = await post("/settings/webhooks", `job:${foreign.id}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("No job of yours");
  });

  it("shows a job's page to its owner only: another user's job is not found, as in the API", async () => {
    const job = await kit.run(alice.token, "alice", ["echo", "private"]);
    const page = (path: string, cookie: string) => h.server.app.request(path, { headers: { cookie } });
    const own = await page(`/settings/jobs/alice/${job.id}`, session.cookie);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain(`hubhooks jobs logs ${job.id} --namespace alice`);
    const bobSession = await uiSignIn((path, init) => h.server.app.request(path, init), bob.token);
    expect((await page(`/settings/jobs/alice/${job.id}`, bobSession.cookie)).status).toBe(404);
    expect((await page(`/settings/jobs/bob/${job.id}`, bobSession.cookie)).status).toBe(404);
    expect((await page(`/settings/jobs/alice/not-an-id`, session.cookie)).status).toBe(404);
    expect((await h.server.app.request(`/settings/jobs/alice/${job.id}`)).status).toBe(302);
  });
});
