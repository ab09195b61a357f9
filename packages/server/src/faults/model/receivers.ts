import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { hashUnit } from "./prng.js";
import type { Behaviour, Scenario } from "./scenario.js";

/** What a receiver did with one request: an HTTP status, held it past the timeout, or closed the connection. */
export type Answer = number | "timeout" | "reset";

/** One request as its receiver saw it: the receivers' own record, checked against the activity log. */
export interface Received {
  webhook: number;
  deliveryId: string;
  /** `X-Webhook-Attempt`: the attempt number the service sent (a replay is a later attempt). */
  attempt: number;
  /** The event's sequence number, from its repo name `<topic>/e<n>`. */
  event: number;
  origin: number;
  arrivedAt: number;
  /** When the answer was sent or the connection closed. */
  endedAt: number;
  answer: Answer;
}

/** The answer of `behaviour` to one attempt: fixed by the seed, whatever the arrival order or a re-send. */
export function answerFor(seed: number, behaviour: Behaviour, webhook: number, event: number, attempt: number): Answer {
  const u = hashUnit(seed, webhook, event, attempt);
  switch (behaviour) {
    case "ok":
      return 200;
    case "flaky":
      return u < 0.2 ? 500 : u < 0.4 ? 503 : 200;
    case "throttle":
      return u < 0.4 ? 429 : 200;
    case "gone":
      return hashUnit(seed, webhook, event, "gone") < 0.25 ? 410 : 200;
    case "reset":
      return u < 0.4 ? "reset" : 200;
    case "slow":
      return u < 0.5 ? "timeout" : 200;
  }
}

/** A timed-out request is closed by the service; this only frees a receiver that was never hung up on. */
const HOLD_LIMIT_MS = 10_000;

/**
 * One real HTTP server on loopback per origin of the scenario. Webhook `i` posts to `/w/<i>` on its origin's
 * server; every request is recorded with its arrival and end, and answered as the webhook's behaviour says.
 */
export class ModelReceivers {
  readonly records: Received[] = [];
  /** Requests not finished yet, per origin (the service caps them at its per-origin concurrency). */
  readonly open: number[];
  readonly #scenario: Scenario;
  readonly #servers: Server[] = [];
  readonly #ports: number[] = [];
  /** Requests a receiver could not attribute (no delivery id, unknown path, unreadable body). */
  readonly strays: string[] = [];

  constructor(scenario: Scenario) {
    this.#scenario = scenario;
    this.open = Array.from({ length: scenario.origins }, () => 0);
  }

  async start(): Promise<void> {
    for (let origin = 0; origin < this.#scenario.origins; origin++) {
      const server = createServer((req, res) => {
        const arrivedAt = Date.now();
        this.open[origin] = (this.open[origin] ?? 0) + 1;
        let record: Received | undefined;
        res.once("close", () => {
          this.open[origin] = (this.open[origin] ?? 1) - 1;
          if (record) record.endedAt = Date.now();
        });
        let body = "";
        req.setEncoding("utf8");
        req.on("data", (chunk: string) => {
          body += chunk;
        });
        req.on("end", () => {
          const webhook = Number(/^\/w\/(\d+)$/.exec(req.url ?? "")?.[1] ?? Number.NaN);
          const plan = this.#scenario.webhooks[webhook];
          const deliveryId = String(req.headers["x-webhook-delivery"] ?? "");
          const attempt = Number(req.headers["x-webhook-attempt"]);
          let event = Number.NaN;
          try {
            event = Number(/\/e(\d+)$/.exec(JSON.parse(body).repo.name)?.[1] ?? Number.NaN);
          } catch {}
          if (!plan || !deliveryId || !Number.isInteger(attempt) || !Number.isInteger(event)) {
            this.strays.push(`${req.method} ${req.url} delivery=${deliveryId} attempt=${attempt}`);
            res.writeHead(400).end();
            return;
          }
          const answer = answerFor(this.#scenario.seed, plan.behaviour, webhook, event, attempt);
          record = { webhook, deliveryId, attempt, event, origin, arrivedAt, endedAt: Number.NaN, answer };
          this.records.push(record);
          if (answer === "reset") req.socket.destroy();
          else if (answer === "timeout") setTimeout(() => res.destroy(), HOLD_LIMIT_MS).unref();
          else {
            const headers: Record<string, string> = { "content-type": "application/json" };
            if (answer === 429) headers["retry-after"] = "1";
            res.writeHead(answer, headers).end(answer < 300 ? '{"ok":true}' : '{"error":"model"}');
          }
        });
      });
      // Idle keep-alive connections are closed by the service's side first (10 s), never under a request.
      server.keepAliveTimeout = 60_000;
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      this.#servers.push(server);
      this.#ports.push((server.address() as AddressInfo).port);
    }
  }

  url(webhook: number): string {
    const plan = this.#scenario.webhooks[webhook];
    if (!plan) throw new Error(`no webhook ${webhook}`);
    return `http://127.0.0.1:${this.#ports[plan.origin]}/w/${webhook}`;
  }

  /** Requests in flight at every receiver together. */
  get inFlight(): number {
    return this.open.reduce((sum, n) => sum + n, 0);
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.#servers.map((server) => {
        server.closeAllConnections();
        return new Promise((resolve) => server.close(resolve));
      }),
    );
  }
}
