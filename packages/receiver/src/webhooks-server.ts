import type { LaunchedServer, LaunchOptions } from "./adapters/launch.js";
import { consoleLogger } from "./core/console-logger.js";
import { unlikelyEventName } from "./core/event-names.js";
import type { CustomEventName, EventHandler, KnownEventName } from "./core/event-types.js";
import { handleDelivery, jsonResponse } from "./core/handle-delivery.js";
import { htmlResponse } from "./core/html-response.js";
import type { IncomingDelivery } from "./core/incoming.js";
import { landingPage } from "./core/landing-page.js";
import { DEFAULT_MAX_BODY_BYTES } from "./core/read-json.js";
import { type DeliveryAnswer, type DeliveryOptions, receiveDelivery } from "./core/receive-delivery.js";
import { routePath } from "./core/route-path.js";
import type { CustomUi, LandingInfo, ReceiverLogger, WebhookHandler } from "./core/types.js";
import { uiResponse } from "./core/ui-response.js";

export interface WebhooksServerOptions {
  /** Compared with `X-Webhook-Secret`; defaults to the `WEBHOOK_SECRET` environment variable. */
  webhookSecret?: string;
  /**
   * Standard Webhooks signing secret (`whsec_…`, from the webhook's settings); defaults to the
   * `WEBHOOK_SIGNING_SECRET` environment variable. When set, every delivery must carry a valid signature.
   */
  signingSecret?: string;
  /**
   * Replaces the landing page at `/`: an HTML string, a function of (request, info) returning HTML or a Response,
   * or anything with `fetch` (a hono app, which then answers every path outside `/webhooks/`).
   */
  ui?: CustomUi;
  /** Largest accepted payload, 1 MiB by default. */
  maxBodyBytes?: number;
  logger?: ReceiverLogger;
}

/** Routes Hub webhook deliveries to handlers; transport-agnostic (`fetch`), with Node adapters on top. */
export class WebhooksServer {
  readonly secret: string | undefined;
  readonly logger: ReceiverLogger;
  readonly #routes = new Map<string, WebhookHandler | undefined>();
  readonly #listeners = new Map<string, WebhookHandler[]>();
  readonly #ui: CustomUi | undefined;
  readonly #maxBodyBytes: number;
  readonly #deliveryOptions: DeliveryOptions;
  /** The public base URL once launched; used by the landing page. */
  publicUrl: string | undefined;

  constructor(options: WebhooksServerOptions = {}) {
    this.logger = options.logger ?? consoleLogger;
    this.secret = options.webhookSecret || globalThis.process?.env?.WEBHOOK_SECRET || undefined;
    this.#ui = options.ui;
    this.#maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.#deliveryOptions = {
      secret: this.secret,
      signingSecret: options.signingSecret || globalThis.process?.env?.WEBHOOK_SIGNING_SECRET || undefined,
      maxBodyBytes: this.#maxBodyBytes,
      logger: this.logger,
      listeners: this.#listeners,
    };
    if (this.secret) {
      this.logger.info("Webhook secret is correctly defined.");
    } else {
      this.logger.warn(
        "Webhook secret is not defined. This means your webhook endpoints will be open to everyone.\n" +
          "To add a secret, set `WEBHOOK_SECRET` as environment variable or pass it at initialization:\n" +
          "\t`new WebhooksServer({ webhookSecret: 'my_secret' })`\n" +
          "For more details about webhook secrets, please refer to https://huggingface.co/docs/hub/webhooks#webhook-secret.",
      );
    }
  }

  /** What the landing page shows: routes, public URL, whether a secret and a signing secret are set. */
  get landingInfo(): LandingInfo {
    return {
      paths: this.paths,
      url: this.publicUrl,
      secretSet: this.secret !== undefined,
      signingSecretSet: this.#deliveryOptions.signingSecret !== undefined,
    };
  }

  /** The registered routes, e.g. ["/webhooks/trigger_training"]. */
  get paths(): string[] {
    return [...this.#routes.keys()];
  }

  /**
   * Registers `POST /webhooks/<name>`: the name is the handler's function name, or the given path.
   * A path without a handler makes a route that only dispatches to `on()` listeners.
   */
  addWebhook(handler: WebhookHandler): string;
  addWebhook(path: string, handler?: WebhookHandler): string;
  addWebhook(pathOrHandler: string | WebhookHandler, maybeHandler?: WebhookHandler): string {
    const handler = typeof pathOrHandler === "function" ? pathOrHandler : maybeHandler;
    const name = typeof pathOrHandler === "string" ? pathOrHandler : pathOrHandler.name;
    if (!name) throw new TypeError('An anonymous handler needs a path: addWebhook("name", handler).');
    const path = routePath(name);
    if (this.#routes.has(path)) throw new Error(`Webhook ${path} already exists.`);
    this.#routes.set(path, handler);
    return path;
  }

  /**
   * Runs `handler` for deliveries on any route whose event is `name`: "*", a scope, or "scope.action". The payload
   * is typed for the name (`on("discussion.comment", p => p.comment.content)`); a name the types do not know is an
   * error, unless made with `customEvent("repo.config.dois")` for a scope the Hub adds later. A name that is
   * likely a typo, or outside the Hub's scopes, is logged as a warning.
   */
  on<E extends KnownEventName>(name: E, handler: EventHandler<E>): this;
  on(name: CustomEventName, handler: WebhookHandler): this;
  on(name: string, typedHandler: EventHandler<never> | WebhookHandler): this {
    const warning = unlikelyEventName(name);
    if (warning) this.logger.warn(warning);
    const handler = typedHandler as WebhookHandler;
    const handlers = this.#listeners.get(name) ?? [];
    handlers.push(handler);
    this.#listeners.set(name, handlers);
    return this;
  }

  /**
   * The delivery pipeline of a webhook route, for adapters other than fetch (the Node fast path); undefined when
   * `path` is not a webhook route.
   */
  deliveryRoute(path: string): { receive(incoming: IncomingDelivery): Promise<DeliveryAnswer> } | undefined {
    if (!this.#routes.has(path)) return undefined;
    const handler = this.#routes.get(path);
    return { receive: (incoming) => receiveDelivery(incoming, handler, this.#deliveryOptions) };
  }

  /**
   * Starts a standalone server for this app, as Python's `app.launch()`: port from `PORT` (else 7860), host from
   * `HOST` (else 0.0.0.0 on a Space, 127.0.0.1 elsewhere). Node only; in other runtimes serve `app.fetch`.
   */
  async launch(options?: LaunchOptions): Promise<LaunchedServer> {
    // Loaded on demand, so importing WebhooksServer in Workers or Deno never touches node:http.
    const { launchServer } = await import("./adapters/launch.js");
    return launchServer(this, options);
  }

  /** The fetch handler: use it in hono, Next.js route handlers, Bun, Deno or Workers. */
  fetch = async (request: Request): Promise<Response> => {
    const { pathname } = new URL(request.url);
    if (this.#routes.has(pathname)) {
      if (request.method !== "POST") {
        return new Response(JSON.stringify({ error: "Method Not Allowed" }), {
          status: 405,
          headers: { allow: "POST", "content-type": "application/json" },
        });
      }
      return handleDelivery(request, pathname, this.#routes.get(pathname), this.#deliveryOptions);
    }
    if (this.#ui !== undefined && !pathname.startsWith("/webhooks/")) {
      const custom = await uiResponse(this.#ui, request, this.landingInfo);
      if (custom) return custom;
    }
    if (pathname === "/" && request.method === "GET") return htmlResponse(landingPage(this.landingInfo));
    return jsonResponse(404, { error: `No webhook at ${pathname}.` });
  };
}
