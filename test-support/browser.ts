import chromium from "@sparticuz/chromium";
import { type Browser, chromium as playwright } from "playwright-core";

/**
 * Headless Chromium as a desktop runs it: one process per renderer. The npm package's own `chromium.args` start it
 * with `--single-process` (made for AWS Lambda), where closing one browser context can take the whole browser down
 * and a second context then fails.
 */
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--no-zygote",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A real Chromium: the one `npm ci` brings (@sparticuz/chromium), or HUBHOOKS_CHROMIUM (e.g. /usr/bin/chromium). */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.HUBHOOKS_CHROMIUM || (await chromium.executablePath());
  return playwright.launch({ executablePath, args: ARGS, headless: true });
}
