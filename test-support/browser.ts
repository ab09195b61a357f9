import chromium from "@sparticuz/chromium";
import { type Browser, chromium as playwright } from "playwright-core";

const DEBIAN_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A real Chromium: the one `npm ci` brings (@sparticuz/chromium), or HUBHOOKS_CHROMIUM (e.g. /usr/bin/chromium). */
export async function launchBrowser(): Promise<Browser> {
  const system = process.env.HUBHOOKS_CHROMIUM;
  if (system) return playwright.launch({ executablePath: system, args: DEBIAN_ARGS, headless: true });
  return playwright.launch({ executablePath: await chromium.executablePath(), args: chromium.args, headless: true });
}
