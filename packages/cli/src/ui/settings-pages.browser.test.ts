import { execFile } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { promisify } from "node:util";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { launchBrowser } from "../../../../test-support/browser.js";
import { runCli, type ServeProcess, startServe } from "../../../../test-support/cli.js";
import { createTestDatabase, type TestDatabase } from "../../../../test-support/databases.js";
import { TestReceiver } from "../../../../test-support/receiver.js";

const SHOTS = "test-results/ui";

/**
 * Every visible element of the page whose box is not wholly inside the viewport's width, or whose content spills
 * out of its box (text that does not wrap). Scroll boxes (`pre`) are allowed to hold wider content.
 */
function outsideViewport(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const outside: string[] = [];
    for (const el of document.querySelectorAll("main *")) {
      if (el.closest("pre")) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      const scrolls = ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
      const spills = !scrolls && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0;
      if (box.left < -0.5 || box.right > window.innerWidth + 0.5 || spills) {
        const what = `${el.tagName.toLowerCase()} ${Math.round(box.left)}–${Math.round(box.right)}`;
        outside.push(`${what}${spills ? ` spills to ${el.scrollWidth}` : ""}: ${el.textContent?.slice(0, 40)}`);
      }
    }
    return outside;
  });
}

/**
 * Words of normal text that the layout split across two lines ("enabl" / "ed"): each run of letters outside long
 * tokens (`.token`, code, pre, form fields) must sit on one line.
 */
function splitWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const split: string[] = [];
    const walker = document.createTreeWalker(document.querySelector("main") ?? document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest(".token, code, pre, input, textarea, select")) continue;
      for (const match of (node.textContent ?? "").matchAll(/[A-Za-z]{2,}/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
        if (tops.size > 1) split.push(`${match[0]} in ${node.parentElement?.tagName.toLowerCase()}`);
      }
    }
    return split;
  });
}

describe("settings pages in a real Chromium", () => {
  let database: TestDatabase;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  const receiver = new TestReceiver();
  const shot = (name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  let webhookPath = "";
  /** Clicks, then returns the flash message of the page it leads to (never one left on the page before). */
  const flashAfter = async (name: string) => {
    await page.evaluate(() => document.querySelector(".flash")?.remove());
    await page.getByRole("button", { name, exact: true }).click();
    const message = await page.getByRole("status").textContent();
    expect(page.url()).not.toContain("flash");
    return message;
  };

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    await receiver.start();
    database = await createTestDatabase("sqlite");
    serve = await startServe(["--database", database.location]);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await receiver.stop();
    await database?.drop();
  });

  it("signs in with the printed admin token", async () => {
    await page.goto(`${serve.url}/`);
    await expect.poll(() => page.url()).toMatch(/\/signin$/);
    await page.getByLabel("Access token").fill("hf_notavalidtoken");
    await page.getByRole("button", { name: "Sign in" }).click();
    expect(await page.getByRole("alert").textContent()).toContain("not valid");
    await shot("01-signin-error");
    await page.getByLabel("Access token").fill(serve.adminToken as string);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/settings\/webhooks$/);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Webhooks");
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === "hubhooks_session")).toMatchObject({ httpOnly: true, sameSite: "Strict" });
    await shot("02-empty-list");
  });

  it("creates a webhook through the form, with two watched rows", async () => {
    await page.getByRole("link", { name: "Add a new webhook" }).click();
    // The only watched row has nothing to remove; two rows each have their Remove button.
    const removeButtons = page.locator("[data-remove-row]");
    expect(
      await removeButtons.evaluateAll((els) => els.map((el) => (el as HTMLElement).offsetParent !== null)),
    ).toEqual([false]);
    await page.getByLabel("Target URL").fill(`${receiver.url}/hook`);
    await page.getByLabel("Type of watched item 1").selectOption("user");
    await page.getByLabel("Name of watched item 1").fill("julien-c");
    await page.getByRole("button", { name: "Add another" }).click();
    expect(
      await removeButtons.evaluateAll((els) => els.map((el) => (el as HTMLElement).offsetParent !== null)),
    ).toEqual([true, true]);
    await page.locator("[data-watched-row]").nth(1).locator("select").selectOption("model");
    await page.locator("[data-watched-row]").nth(1).locator("input").fill("acme/bert");
    await page.getByLabel("Community (PR & discussions)").uncheck();
    await page.getByLabel("Secret").fill("ui-secret");
    await page.getByRole("button", { name: "Show" }).click();
    expect(await page.getByLabel("Secret").getAttribute("type")).toBe("text");
    await shot("03-new-webhook-form");
    expect(await flashAfter("Create webhook")).toBe("Webhook created.");
    expect(page.url()).toMatch(/\/settings\/webhooks\/[0-9a-f]{24}$/);
    webhookPath = new URL(page.url()).pathname;
    await page.reload();
    expect(await page.locator(".flash").count()).toBe(0);
    expect(await page.getByLabel("Target URL").inputValue()).toBe(`${receiver.url}/hook`);
    expect(await page.getByLabel("Repo update").isChecked()).toBe(true);
    expect(await page.getByLabel("Community (PR & discussions)").isChecked()).toBe(false);
    expect(await page.getByLabel("Secret").getAttribute("type")).toBe("password");
    await shot("04-webhook-settings");
  });

  it("shows an emulated event in Activity with status 200, and its detail", async () => {
    const triggered = await runCli(["trigger", "repo.content", "--repo", "julien-c/model"], {
      HF_ENDPOINT: serve.url,
      HF_TOKEN: serve.adminToken as string,
    });
    expect(triggered.stdout).toContain("1 delivery created");
    await receiver.waitFor(1);
    expect(receiver.requests[0]?.headers["x-webhook-secret"]).toBe("ui-secret");

    await page.getByRole("link", { name: "Activity" }).click();
    await expect
      .poll(async () => {
        await page.reload();
        return page.locator("tr[data-delivery]").first().textContent();
      })
      .toContain("delivered · 200");
    expect(await page.locator("[data-usage]").textContent()).toBe("1 / 1000 in the last 24 h");
    // One timestamp format: local time with a relative time, the ISO time in the tooltip.
    const time = page.locator("tr[data-delivery] time").first();
    expect(await time.getAttribute("title")).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(await time.textContent()).toMatch(/\((just now|\d+ minutes? ago)\)$/);
    await shot("05-activity");

    await page.locator("tr[data-delivery] a").first().click();
    const payload = JSON.parse((await page.locator("[data-payload]").textContent()) ?? "");
    expect(payload).toEqual(receiver.requests[0]?.json);
    expect(await page.getByText("********").count()).toBeGreaterThan(0);
    expect(await page.content()).not.toContain("ui-secret");
    await shot("06-delivery-detail");
  });

  it("replays a delivery to a failing receiver and shows the new attempt", async () => {
    receiver.respond = () => ({ status: 500, body: "receiver is down" });
    expect(await flashAfter("Replay")).toMatch(/^Replayed to .*\/hook: HTTP 500\.$/);
    expect(await page.locator("[data-attempts]").textContent()).toBe("2");
    expect(await page.locator("[data-attempt='2']").textContent()).toContain("(replay)");
    expect(receiver.requests).toHaveLength(2);
    receiver.respond = () => ({ status: 200 });
    await shot("07-replayed");
  });

  it("Redeliver failed on the Activity tab queues a recovery, and pressing it again queues nothing twice", async () => {
    await page.goto(`${serve.url}${webhookPath}/activity`);
    expect(await flashAfter("Redeliver failed")).toMatch(/^Redelivery started/);
    expect(await flashAfter("Redeliver failed")).toMatch(/already being redelivered/);
    await shot("07b-redeliver-failed");
  });

  it("turns signed payloads on, shows the whsec_ secret, and turns them off", async () => {
    await page.goto(`${serve.url}${webhookPath}`);
    expect(await flashAfter("Sign deliveries")).toMatch(/^Deliveries are signed/);
    expect(await page.locator("[data-signing-secret]").textContent()).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    await shot("07c-signing-on");
    expect(await flashAfter("Stop signing")).toBe("Deliveries are no longer signed.");
    expect(await page.locator("[data-signing-secret]").count()).toBe(0);
  });

  it("tells failing from waiting at a glance: retrying in red-orange with the 403 inline, the connection error for a dead port, will be cancelled after Disable", async () => {
    const env = { HF_ENDPOINT: serve.url, HF_TOKEN: serve.adminToken as string };
    const make = async (url: string, watch: string) =>
      (
        JSON.parse(
          (await runCli(["webhooks", "create", "--watch", `user:${watch}`, "--url", url, "--format", "json"], env))
            .stdout,
        ) as { id: string }
      ).id;
    const previous = receiver.respond;
    receiver.respond = (request, index) =>
      request.path.startsWith("/forbidden") ? { status: 403, body: "no entry\nsecond line" } : previous(request, index);
    // A long unbroken URL: it must wrap at phone width, not push the cells off screen.
    const forbidden = await make(`${receiver.url}/forbidden/${"a-long-path-without-spaces".repeat(4)}`, "ui-forbidden");
    const dead = await make("http://127.0.0.1:9/nothing-listens", "ui-dead");
    await runCli(["trigger", "repo", "--repo", "ui-forbidden/x", "--wait", "10"], env);
    await runCli(["trigger", "repo", "--repo", "ui-dead/x", "--wait", "10"], env);
    // The 403 stays until the test ends: its delivery retries meanwhile (sooner or later, with the machine's load),
    // and every retry must meet the same answer for the states below to hold.
    onTestFinished(() => {
      receiver.respond = previous;
    });

    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${serve.url}/settings/webhooks/${forbidden}/activity`);
      const badge = page.locator("[data-state]").first();
      expect(await badge.textContent()).toBe("retrying · 403");
      expect(await badge.evaluate((el) => getComputedStyle(el).color)).toBe("rgb(194, 65, 12)");
      expect(await page.locator("[data-reason]").first().textContent()).toMatch(/^HTTP 403 · next attempt /);
      await shot(`07d-retrying-403-${width}`);
      await page.goto(`${serve.url}/settings/webhooks/${dead}/activity`);
      expect(await page.locator("[data-state]").first().textContent()).toBe("retrying");
      expect(await page.locator("[data-reason]").first().textContent()).toMatch(/ECONNREFUSED 127\.0\.0\.1:9/);
      // A connection error has no response: the error shows, no empty "Response headers and body" section.
      await page.locator("tr[data-delivery] a").first().click();
      expect(await page.locator("[data-attempt='1'] .badge").textContent()).toMatch(/ECONNREFUSED/);
      expect(await page.getByText("Response headers and body").count()).toBe(0);
      await page.goto(`${serve.url}/settings/webhooks/${forbidden}/activity`);
      await page.locator("tr[data-delivery] a").first().click();
      expect(await page.locator("[data-response-line]").first().textContent()).toBe("no entry");
      expect(
        await page
          .locator("ol.attempts > li")
          .first()
          .evaluate((li) => getComputedStyle(li).listStyleType),
      ).toBe("none");
      await shot(`07h-delivery-403-${width}`);
      for (const path of ["", `/${forbidden}/activity`, `/${dead}/activity`]) {
        await page.goto(`${serve.url}/settings/webhooks${path}`);
        expect(await outsideViewport(page), `${path} at ${width} px`).toEqual([]);
        if (width === 1280) expect(await splitWords(page), `${path} at ${width} px`).toEqual([]);
      }
      await page.goto(`${serve.url}/settings/webhooks`);
      await shot(`07i-list-${width}`);
    }
    await page.setViewportSize({ width: 1200, height: 800 });
    await page.goto(`${serve.url}/settings/webhooks/${forbidden}`);
    await page.getByRole("button", { name: "Disable" }).click();
    await page.goto(`${serve.url}/settings/webhooks/${forbidden}/activity`);
    // Until its next retry is due the delivery waits ("will be cancelled"); a retry that came due since the click
    // (about 5 s after the first attempt) found the webhook disabled and cancelled it. The page shows the one it is.
    // Read after the page: still pending then means it was pending when the page was drawn (cancelled is final).
    const shown = await page.locator("[data-state]").first().textContent();
    const listed = await runCli(["deliveries", "ls", forbidden, "--format", "json"], env);
    const status = (JSON.parse(listed.stdout) as { deliveries: Array<{ status: string }> }).deliveries[0]?.status;
    expect(["pending", "cancelled"]).toContain(status);
    if (status === "pending") expect(shown).toBe("will be cancelled");
    else expect(["will be cancelled", "cancelled"]).toContain(shown);
    await page.goto(`${serve.url}/settings/webhooks/${forbidden}/activity?status=failed`);
    expect(await page.locator("[data-empty]").textContent()).toBe("No failed delivery. Clear the filter");
    await page.getByRole("link", { name: "Clear the filter" }).click();
    await page.waitForURL(/\/activity$/);
    const missing = await page.goto(`${serve.url}/no/such/page`);
    expect(missing?.status()).toBe(404);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Page not found");
  });

  it("a webhook disabled by a 410 says why in a notice: local time, and a link to the delivery", async () => {
    const env = { HF_ENDPOINT: serve.url, HF_TOKEN: serve.adminToken as string };
    const created = await runCli(
      ["webhooks", "create", "--watch", "user:ui-gone", "--url", `${receiver.url}/gone`, "--json"],
      env,
    );
    const { id } = JSON.parse(created.stdout) as { id: string };
    const previous = receiver.respond;
    receiver.respond = (request, index) => (request.path === "/gone" ? { status: 410 } : previous(request, index));
    onTestFinished(() => {
      receiver.respond = previous;
    });
    const triggered = await runCli(["trigger", "repo", "--repo", "ui-gone/x", "--wait", "10", "-q"], env);
    const deliveryId = triggered.stdout.trim();
    await expect
      .poll(async () => JSON.parse((await runCli(["webhooks", "info", id, "--json"], env)).stdout).disabled, {
        timeout: 10_000,
      })
      .toBe(true);
    await page.goto(`${serve.url}/settings/webhooks/${id}`);
    const notice = page.locator("[data-disabled-reason]");
    expect(await notice.textContent()).toMatch(
      /^Disabled by hubhooks.*the receiver answered 410 Gone at .+ \(delivery [0-9a-f]{24}\)/,
    );
    // The time is the reader's local time, not the stored ISO string.
    expect(await notice.locator("time").textContent()).not.toMatch(/\d{4}-\d\d-\d\dT|UTC/);
    expect(await notice.evaluate((el) => el.tagName.toLowerCase())).toBe("div");
    await shot("07j-disabled-notice");
    await notice.getByRole("link", { name: `delivery ${deliveryId}` }).click();
    await page.waitForURL(new RegExp(`/settings/webhooks/${id}/activity/${deliveryId}$`));
  });

  it("a retrying delivery's page shows its next attempt by itself", async () => {
    const env = { HF_ENDPOINT: serve.url, HF_TOKEN: serve.adminToken as string };
    const created = await runCli(
      ["webhooks", "create", "--watch", "user:ui-flaky", "--url", `${receiver.url}/flaky`, "--format", "json"],
      env,
    );
    const id = (JSON.parse(created.stdout) as { id: string }).id;
    const previous = receiver.respond;
    // The receiver fails until the page has been seen retrying, then recovers: the retry that follows (5 s later,
    // or more on a loaded machine) is the one the open page must show by itself.
    let recovered = false;
    receiver.respond = (request, index) =>
      request.path === "/flaky" ? { status: recovered ? 200 : 500 } : previous(request, index);
    try {
      await runCli(["trigger", "repo", "--repo", "ui-flaky/x", "--wait", "10"], env);
      await page.goto(`${serve.url}/settings/webhooks/${id}/activity`);
      await page.locator("tr[data-delivery] a").first().click();
      expect(await page.locator("[data-state]").first().textContent()).toBe("retrying · 500");
      await page.evaluate(() => Object.assign(window, { stillThisPage: true }));
      recovered = true;
      await expect
        .poll(() => page.locator("[data-state]").first().textContent(), { timeout: 25_000 })
        .toBe("delivered · 200");
      expect(await page.evaluate(() => (window as unknown as { stillThisPage?: boolean }).stillThisPage)).toBe(true);
      expect(await page.locator("[data-live]").getAttribute("data-live")).toBe("done");
    } finally {
      receiver.respond = previous;
    }
  }, 45_000);

  it("Activity updates by itself: a new delivery appears highlighted without a reload", async () => {
    await page.goto(`${serve.url}${webhookPath}/activity`);
    const before = await page.locator("[data-delivery]").count();
    await page.evaluate(() => Object.assign(window, { stillThisPage: true }));
    const env = { HF_ENDPOINT: serve.url, HF_TOKEN: serve.adminToken as string };
    await runCli(["trigger", "repo.content", "--repo", "julien-c/live"], env);
    await page.waitForSelector("tr.fresh", { timeout: 10_000 });
    expect(await page.locator("[data-delivery]").count()).toBe(before + 1);
    expect(await page.evaluate(() => (window as unknown as { stillThisPage?: boolean }).stillThisPage)).toBe(true);
    await shot("07e-live-activity");
  });

  it("shows the webhook's id with a copy button, its health and its use of the trigger limit on the Settings tab", async () => {
    await page.goto(`${serve.url}${webhookPath}`);
    const id = webhookPath.split("/").at(-1) as string;
    expect(await page.locator("[data-webhook-id]").textContent()).toBe(id);
    expect(await page.locator("[data-success-rate]").textContent()).toMatch(/^\d+ % of the last \d+$/);
    expect(await page.locator("[data-details] [data-usage]").textContent()).toMatch(/^\d+ \/ 1000 in the last 24 h$/);
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.locator("[data-copy]").click();
    await expect.poll(() => page.locator("[data-copy]").textContent()).toBe("Copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(id);
    await shot("07f-details");
  });

  it("Send test event delivers a realistic event to this webhook only and it shows in Activity without a reload", async () => {
    await page.goto(`${serve.url}${webhookPath}`);
    const before = receiver.requests.length;
    await page.getByLabel("Event", { exact: true }).selectOption("discussion.comment");
    expect(await flashAfter("Send test event")).toMatch(/^Test discussion\.comment event sent/);
    await expect.poll(() => receiver.requests.length, { timeout: 10_000 }).toBe(before + 1);
    const sent = receiver.requests.at(-1);
    expect(sent?.json).toMatchObject({
      event: { action: "create", scope: "discussion.comment" },
      repo: { type: "model", name: "julien-c/test-model" },
      webhook: { id: webhookPath.split("/").at(-1), version: 3 },
    });
    expect(sent?.headers["x-webhook-secret"]).toBe("ui-secret");
    await expect
      .poll(() => page.locator("[data-delivery]").first().textContent(), { timeout: 10_000 })
      .toMatch(/discussion\.comment\.create.*delivered · 200/);
    await shot("07g-test-event");
  });

  it("filters Activity by event and time; a delivery's page shows every attempt's request headers", async () => {
    await page.goto(`${serve.url}${webhookPath}/activity`);
    await page.getByLabel("Event", { exact: true }).selectOption("discussion.comment");
    await page.getByLabel("Time", { exact: true }).selectOption("1h");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/scope=discussion\.comment&range=1h/);
    const events = await page.locator("tr[data-delivery] td[data-label=Event]").allTextContents();
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) expect(event).toMatch(/^discussion\.comment\./);
    await page.getByLabel("Event", { exact: true }).selectOption("repo.config");
    await page.getByRole("button", { name: "Filter" }).click();
    expect(await page.locator("[data-empty]").textContent()).toBe(
      "No delivery matches these filters. Clear the filters",
    );
    await shot("07k-activity-filters");

    // The delivery replayed earlier has two attempts, each with its own request headers.
    await page.goto(`${serve.url}${webhookPath}/activity?scope=repo.content`);
    await page.locator("tr[data-delivery] a").last().click();
    const attempts = page.locator("ol.attempts > li");
    expect(await attempts.count()).toBeGreaterThanOrEqual(2);
    for (const attempt of await attempts.all()) {
      await attempt.locator("[data-request-headers] summary").click();
      expect(await attempt.locator("[data-request-headers]").textContent()).toMatch(/x-webhook-delivery/i);
    }
  });

  it("copies the payload and a curl command that sends the same request to any URL; finds a delivery by id", async () => {
    await page.goto(`${serve.url}${webhookPath}/activity`);
    const id = await page.locator("tr[data-delivery]").last().getAttribute("data-delivery");
    await page.getByLabel("Delivery id").fill(id as string);
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(new RegExp(`/activity/${id}$`));
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.getByRole("button", { name: "Copy payload" }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(receiver.requests[0]?.body);
    await page.getByRole("button", { name: "Copy as curl" }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/^curl -X POST/);
    const curl = await page.evaluate(() => navigator.clipboard.readText());
    const before = receiver.requests.length;
    // Async: the receiver runs in this process and must keep answering while curl waits.
    await promisify(execFile)("bash", ["-c", curl], {
      env: { ...process.env, TARGET_URL: `${receiver.url}/curl`, WEBHOOK_SECRET: "ui-secret" },
    });
    const replayed = receiver.requests[before];
    expect(replayed?.path).toBe("/curl");
    expect(replayed?.body).toBe(receiver.requests[0]?.body);
    expect(replayed?.headers["x-webhook-secret"]).toBe("ui-secret");
    expect(replayed?.headers["x-webhook-delivery"]).toBe(id);
    await page.goto(`${serve.url}${webhookPath}/activity?delivery=ffffffffffffffffffffffff`);
    expect(await page.locator("[data-empty]").textContent()).toBe(
      "No delivery with id ffffffffffffffffffffffff on this webhook. Clear the search",
    );
  });

  it("shows the API's validation error next to the field and keeps the values", async () => {
    await page.goto(`${serve.url}${webhookPath}`);
    await page.getByLabel("Target URL").fill("not a url");
    await page.getByRole("button", { name: "Save" }).click();
    expect(await page.locator("#url-error").textContent()).toBe(
      "Enter a full http:// or https:// URL, like https://example.com/webhook",
    );
    expect(await page.getByLabel("Target URL").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("Target URL").evaluate((el) => getComputedStyle(el).borderColor)).toBe(
      "rgb(185, 28, 28)",
    );
    expect(await page.getByLabel("Target URL").inputValue()).toBe("not a url");
    expect(await page.getByLabel("Name of watched item 2").inputValue()).toBe("acme/bert");
    await shot("08-validation-error");
    await page.getByRole("button", { name: "Add another" }).click();
    await page.getByRole("button", { name: "Remove watched item 1" }).click();
    const labels = await page
      .locator("[data-watched-row] :is(input, select, button)")
      .evaluateAll((els) => els.map((el) => el.getAttribute("aria-label")));
    expect(labels).toEqual([
      "Type of watched item 1",
      "Name of watched item 1",
      "Remove watched item 1",
      "Type of watched item 2",
      "Name of watched item 2",
      "Remove watched item 2",
    ]);
    await page.getByLabel("Target URL").fill("https://example.com/hook");
    await page.getByLabel("Name of watched item 1").fill("not a valid name!");
    await page.getByRole("button", { name: "Save" }).click();
    expect(await page.locator("#watched-error").textContent()).toMatch(
      /^Enter a valid model name .* instead of "not a valid name!"$/,
    );
    expect(await page.getByLabel("Name of watched item 1").getAttribute("aria-invalid")).toBe("true");
  });

  it("disables, lists the state and the last delivery, and deletes after confirmation", async () => {
    await page.goto(`${serve.url}${webhookPath}`);
    expect(await flashAfter("Disable")).toBe("Webhook disabled.");
    expect(new URL(page.url()).pathname).toBe(webhookPath);
    await page.goto(`${serve.url}/settings/webhooks`);
    const row = page.locator("tbody tr").first();
    expect(await row.textContent()).toContain("disabled");
    expect(await row.textContent()).toMatch(/failed · 500|delivered · 200/);
    await shot("09-list");
    await page.goto(`${serve.url}${webhookPath}`);
    expect(await flashAfter("Enable")).toBe("Webhook enabled.");
    expect(new URL(page.url()).pathname).toBe(webhookPath);
  });

  it("does not show the first user's webhook to a second user (404)", async () => {
    const bob = JSON.parse(
      (await runCli(["users", "create", "bob", "--json", "--database", database.location])).stdout,
    );
    const other = await browser.newPage();
    await other.goto(`${serve.url}/signin`);
    await other.getByLabel("Access token").fill(bob.token);
    await other.getByRole("button", { name: "Sign in" }).click();
    await other.waitForURL(/\/settings\/webhooks$/);
    expect(await other.locator("tbody tr").count()).toBe(0);
    for (const path of [webhookPath, `${webhookPath}/activity`]) {
      const response = await other.goto(`${serve.url}${path}`);
      expect(response?.status()).toBe(404);
    }
    await other.screenshot({ path: `${SHOTS}/10-other-user-404.png` });
    // Not closed here: the packaged Chromium runs single-process, and closing a page can end the browser.
    await other.goto("about:blank");
  });

  it("shows a sandbox discussion read-only at the payload's url.web, readable at phone width", async () => {
    const env = { HF_ENDPOINT: serve.url, HF_TOKEN: serve.adminToken as string };
    await runCli(["repos", "create", "admin/talk"], env);
    await runCli(
      ["discussions", "create", "admin/talk", "--title", "Does the bot answer?", "--description", "Hello"],
      env,
    );
    await runCli(["discussions", "comment", "admin/talk", "1", `A long link: ${serve.url}/${"x".repeat(120)}`], env);
    await runCli(["discussions", "create", "admin/talk", "--title", "No description"], env);
    await page.goto(`${serve.url}/admin/talk/discussions/2`);
    expect(await page.locator("[data-comment]").count()).toBe(0);
    expect(await page.locator("[data-event=no-description]").textContent()).toMatch(
      /^admin opened it without a description · /,
    );
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${serve.url}/admin/talk/discussions/1`);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("#1 Does the bot answer?");
      expect(await page.locator("[data-comment] [data-author]").allTextContents()).toEqual(["admin", "admin"]);
      expect(await page.locator("[data-comment] [data-content]").first().textContent()).toBe("Hello");
      expect(await outsideViewport(page)).toEqual([]);
      await shot(`10b-sandbox-discussion-${width}`);
    }
    await page.setViewportSize({ width: 1200, height: 800 });
    await page.goto(`${serve.url}/admin/talk/discussions`);
    await page.getByRole("link", { name: "#1 Does the bot answer?" }).click();
    await page.waitForURL(/\/admin\/talk\/discussions\/1$/);
  });

  it("deletes after the confirmation dialog, and is readable at phone width", async () => {
    await page.goto(`${serve.url}${webhookPath}`);
    page.once("dialog", (dialog) => void dialog.accept());
    expect(await flashAfter("Delete")).toBe("Webhook deleted.");
    expect(await page.locator(`a[href="${webhookPath}"]`).count()).toBe(0);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${serve.url}/settings/webhooks/new`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot("11-phone-form");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/signin$/);
  });
});
