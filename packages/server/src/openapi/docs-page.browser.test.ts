import { mkdir } from "node:fs/promises";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../../../../test-support/browser.js";
import { useServer } from "../test-support/harness.js";

// The page renders the same document on either database: one dialect is enough for the browser.
describe("the API reference at /docs in a real Chromium", () => {
  const h = useServer("sqlite");
  let browser: Browser;
  let base = "";
  beforeAll(async () => {
    base = await h.server.listen({ port: 0, host: "127.0.0.1" });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("lists every documented operation, loading nothing from elsewhere, under its CSP", async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    page.on("request", (request) => {
      if (!request.url().startsWith(base) && !request.url().startsWith("data:")) problems.push(request.url());
    });
    await page.goto(`${base}/docs`);
    const documented = await (await fetch(`${base}/openapi.json`)).json();
    // Swagger UI shows one block per operation, and one per webhook (what deliveries look like).
    const operations = [...Object.values(documented.paths), ...Object.values(documented.webhooks)].reduce(
      (count: number, item) => count + Object.keys(item as object).length,
      0,
    );
    await expect.poll(() => page.locator(".opblock").count(), { timeout: 30_000 }).toBe(operations);
    await expect.poll(() => page.getByText("/api/settings/webhooks/{id}/enable").count()).toBeGreaterThan(0);
    await mkdir("test-results/ui", { recursive: true });
    await page.screenshot({ path: "test-results/ui/api-docs.png" });
    expect(problems).toEqual([]);
  }, 90_000);
});
