import { htmlResponse } from "./html-response.js";
import type { CustomUi, LandingInfo } from "./types.js";

/**
 * The custom landing page's answer to a request outside the webhook routes, or undefined when it has none: a
 * string or function answers `GET /` only; a fetch handler (a hono app) answers every such request.
 */
export async function uiResponse(ui: CustomUi, request: Request, info: LandingInfo): Promise<Response | undefined> {
  if (typeof ui === "object") return ui.fetch(request);
  if (request.method !== "GET" || new URL(request.url).pathname !== "/") return undefined;
  const page = typeof ui === "string" ? ui : await ui(request, info);
  return typeof page === "string" ? htmlResponse(page) : page;
}
