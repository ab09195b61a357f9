import { mkdir } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../../../../test-support/browser.js";
import { DIALECTS, useServer } from "../test-support/harness.js";
import { jobsKit, type WireJob } from "../test-support/jobs-kit.js";

const SHOTS = "test-results/ui";

/**
 * A job webhook through the settings pages, as a person uses them: "Start a Job" with one of their jobs, the spec
 * it clones on the webhook's page, and the started job's stage and logs from the activity tab.
 */
describe.each(DIALECTS)("webhooks that start a Job in a real Chromium on %s", (dialect) => {
  const h = useServer(dialect, { worker: true, delivery: { jobs: { runner: "local" } } });
  const kit = jobsKit(h);
  let browser: Browser;
  let page: Page;
  let base = "";
  let alice: { id: string; token: string };
  let source: WireJob;
  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    base = await h.server.listen({ port: 0, host: "127.0.0.1" });
    alice = await h.user("alice");
    source = await kit.run(alice.token, "alice", ["bash", "-c", 'echo "started for $WEBHOOK_REPO_ID"'], {
      environment: { STAGE: "test" },
      secrets: { API_KEY: "not shown" },
      labels: { team: "ml" },
      timeoutSeconds: 120,
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(`${base}/signin`);
    await page.fill("#token", alice.token);
    await Promise.all([
      page.waitForURL(/\/settings\/webhooks$/),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
  });

  it("creates a webhook with Start a Job and shows the job it clones", async () => {
    await page.goto(`${base}/settings/webhooks/new`);
    // "Send to URL" is the default: the job picker shows only once "Start a Job" is chosen.
    expect(await page.locator("#job_id").isVisible()).toBe(false);
    await page.getByLabel("Start a Job").check();
    expect(await page.locator("#url").isVisible()).toBe(false);
    await page.selectOption("#job_id", source.id);
    await page.fill('input[name="watched_name"]', "alice");
    await page.locator('select[name="watched_type"]').selectOption("user");
    await page.getByRole("button", { name: "Create webhook" }).click();
    await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/settings\/webhooks\/[0-9a-f]{24}/);
    const spec = page.locator("[data-job-spec]");
    await expect.poll(() => spec.isVisible()).toBe(true);
    expect(await spec.locator('[data-spec="image"]').textContent()).toBe("ubuntu");
    expect(await spec.locator('[data-spec="command"]').textContent()).toContain("started for $WEBHOOK_REPO_ID");
    expect(await spec.locator('[data-spec="environment"]').textContent()).toContain("STAGE=test");
    expect(await spec.locator('[data-spec="secrets"]').textContent()).toBe("API_KEY");
    expect(await spec.locator('[data-spec="flavor"]').textContent()).toBe("cpu-basic");
    expect(await spec.locator('[data-spec="timeout"]').textContent()).toBe("120 s");
    expect(await spec.locator('[data-spec="labels"]').textContent()).toContain("team=ml");
    expect(await page.content()).not.toContain("not shown");
    await page.screenshot({ path: `${SHOTS}/job-webhook-${dialect}.png`, fullPage: true });
  }, 60_000);

  it("shows the started job's final stage in the activity tab, and its logs one click away", async () => {
    const webhookPath = new URL(page.url()).pathname;
    expect((await h.call(alice.token, "POST", "/api/repos/create", { name: "demo" })).status).toBe(200);
    await page.goto(`${base}${webhookPath}/activity`);
    const stage = page.locator("[data-job-stage]").first();
    await expect
      .poll(
        async () => {
          await page.reload();
          return (await stage.count()) ? stage.textContent() : "";
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBe("COMPLETED");
    await page.locator("[data-job-logs]").first().click();
    await expect.poll(() => page.url()).toMatch(/\/settings\/jobs\/alice\/[0-9a-f]{24}$/);
    expect(await page.locator("[data-job-log]").textContent()).toContain("started for alice/demo");
    await page.screenshot({ path: `${SHOTS}/job-page-${dialect}.png`, fullPage: true });
  }, 90_000);
});
