import type { LaunchedServer, LaunchOptions } from "./adapters/launch.js";
import type { WebhookHandler } from "./core/types.js";
import { WebhooksServer } from "./webhooks-server.js";

let shared: WebhooksServer | undefined;
let launching: Promise<LaunchedServer> | undefined;
let autoLaunch: ReturnType<typeof setTimeout> | undefined;

export type Endpoint<H extends WebhookHandler> = H & {
  /** Starts the shared server now (e.g. in a notebook) instead of after the script's setup. */
  launch(options?: LaunchOptions): Promise<LaunchedServer>;
};

/** Starts the process-wide server once; later calls get the same running server. */
export function launchSharedServer(options?: LaunchOptions): Promise<LaunchedServer> {
  if (autoLaunch) clearTimeout(autoLaunch);
  autoLaunch = undefined;
  launching ??= getSharedServer().launch(options);
  return launching;
}

export function getSharedServer(): WebhooksServer {
  shared ??= new WebhooksServer();
  return shared;
}

/**
 * Registers a handler on one process-wide `WebhooksServer` that starts by itself once the script's synchronous
 * setup is done (PORT from the environment, else 7860). Several endpoints share it.
 */
export function webhookEndpoint<H extends WebhookHandler>(handler: H): Endpoint<H>;
export function webhookEndpoint<H extends WebhookHandler>(path: string, handler: H): Endpoint<H>;
export function webhookEndpoint<H extends WebhookHandler>(pathOrHandler: string | H, maybeHandler?: H): Endpoint<H> {
  const handler = (typeof pathOrHandler === "function" ? pathOrHandler : maybeHandler) as H;
  const server = getSharedServer();
  if (typeof pathOrHandler === "string") server.addWebhook(pathOrHandler, handler);
  else server.addWebhook(handler);
  if (!launching && !autoLaunch) {
    autoLaunch = setTimeout(() => {
      launchSharedServer().catch((error: unknown) => {
        // Nobody awaits the automatic start: say what went wrong in one line and fail the process.
        console.error(error instanceof Error ? `Error: ${error.message}` : error);
        if (globalThis.process) globalThis.process.exitCode = 1;
      });
    }, 0);
  }
  return Object.assign(handler, { launch: launchSharedServer });
}
