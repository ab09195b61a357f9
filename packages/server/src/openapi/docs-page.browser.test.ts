import { mkdir } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
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
    const expected = [...Object.entries(documented.paths), ...Object.entries(documented.webhooks)].flatMap(
      ([path, item]) => Object.keys(item as object).map((method) => `${method.toUpperCase()} ${path}`),
    );
    // From 150 rows (tags plus operations) Swagger UI 5.35 renders only the blocks near the viewport: the others
    // appear as the page scrolls, as a reader sees them. So scroll it all and collect what was shown on the way.
    const shown = new Set<string>();
    await expect
      .poll(
        async () => {
          for (const block of await scrollThrough(page)) shown.add(block);
          return [...shown].sort();
        },
        { timeout: 60_000 },
      )
      .toEqual([...expected].sort());
    await page.evaluate(() => window.scrollTo(0, 0));
    await mkdir("test-results/ui", { recursive: true });
    await page.screenshot({ path: "test-results/ui/api-docs.png" });
    expect(problems).toEqual([]);
  }, 120_000);
});

/** Scrolls from the top to the bottom of the page and gives every operation block seen as "METHOD path". */
async function scrollThrough(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const seen = new Set<string>();
    const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const collect = () => {
      for (const block of document.querySelectorAll(".opblock")) {
        const method = block.querySelector(".opblock-summary-method")?.textContent;
        const path = block.querySelector(".opblock-summary-path")?.getAttribute("data-path");
        seen.add(`${method} ${path}`);
      }
    };
    window.scrollTo(0, 0);
    await nextFrame();
    collect();
    // Half a window per step: every block crosses the viewport. The page grows as blocks are measured.
    while (window.scrollY + window.innerHeight < document.documentElement.scrollHeight - 1) {
      const before = window.scrollY;
      window.scrollBy(0, window.innerHeight / 2);
      await nextFrame();
      collect();
      if (window.scrollY === before) break;
    }
    return [...seen];
  });
}
