import { type Command, Option } from "commander";
import { databaseOption } from "../database-option.js";

interface ServeOptions {
  host: string;
  port: string;
  database: string;
  worker: boolean;
  allowPrivateTargets?: boolean;
  publicHubUrl: string;
  retrySchedule?: string;
  rateLimit?: string;
  deliveryTimeout?: string;
  lease?: string;
}

const isLoopback = (host: string) => host === "localhost" || host === "::1" || host.startsWith("127.");

function numbers(list: string): number[] {
  return list.split(",").map((item) => {
    const value = Number(item.trim());
    if (!Number.isFinite(value) || value < 0) throw new Error(`"${item}" is not a number of milliseconds`);
    return value;
  });
}

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("run the webhooks service: API, delivery worker")
    .addOption(new Option("--host <host>", "interface to listen on").env("HUBHOOKS_HOST").default("127.0.0.1"))
    .addOption(new Option("--port <port>", "port to listen on").env("HUBHOOKS_PORT").default("7861"))
    .addOption(databaseOption())
    .option("--no-worker", "serve the API only; run deliveries in other processes")
    .addOption(
      new Option(
        "--allow-private-targets",
        "deliver to loopback/private addresses (default: only when listening on loopback)",
      ).env("HUBHOOKS_ALLOW_PRIVATE_TARGETS"),
    )
    .addOption(
      new Option("--public-hub-url <url>", "base of url.web / url.api in payloads")
        .env("HUBHOOKS_PUBLIC_HUB_URL")
        .default("https://huggingface.co"),
    )
    .addOption(new Option("--retry-schedule <ms,…>", "delays between attempts").env("HUBHOOKS_RETRY_SCHEDULE"))
    .addOption(
      new Option("--rate-limit <n>", "triggers per 24 h per webhook (default 1000)").env("HUBHOOKS_RATE_LIMIT"),
    )
    .addOption(new Option("--delivery-timeout <ms>", "per attempt (default 15000)").env("HUBHOOKS_DELIVERY_TIMEOUT_MS"))
    .addOption(
      new Option("--lease <ms>", "how long a claimed delivery is reserved (default 60000)").env("HUBHOOKS_LEASE_MS"),
    )
    .action(async (options: ServeOptions) => {
      const { createServer, createUser, countUsers, DEFAULT_DELIVERY_CONFIG } = await import("@hubhooks/server");
      // A service reachable only from this machine has only local users: letting it call local receivers is the
      // point of a dev setup, and no remote user can aim it at the network.
      const allowPrivateTargets = options.allowPrivateTargets ?? isLoopback(options.host);
      const server = await createServer({
        database: options.database,
        delivery: {
          allowPrivateTargets,
          publicHubUrl: options.publicHubUrl.replace(/\/+$/, ""),
          ...(options.retrySchedule && { retrySchedule: numbers(options.retrySchedule) }),
          ...(options.rateLimit && {
            rateLimit: { ...DEFAULT_DELIVERY_CONFIG.rateLimit, limit: Number(options.rateLimit) },
          }),
          ...(options.deliveryTimeout && { timeoutMs: Number(options.deliveryTimeout) }),
          ...(options.lease && { leaseMs: Number(options.lease) }),
        },
      });
      if ((await countUsers(server.db)) === 0) {
        const { token } = await createUser(server.db, "admin", { publisher: true });
        process.stdout.write(
          `\nThis database was empty, so user "admin" was created. Its access token is shown only this once:\n\n  ${token}\n\nKeep it somewhere safe; "hubhooks users token admin" issues a new one.\n\n`,
        );
      }
      const url = await server.listen({ host: options.host, port: Number(options.port) });
      if (options.worker) server.worker.start();
      server.logger.info(
        { url, database: server.dialect, worker: options.worker, allowPrivateTargets },
        "hubhooks is listening",
      );
      process.stdout.write(`hubhooks is listening on ${url}\n`);
      const stop = async (signal: string) => {
        server.logger.info({ signal }, "shutting down");
        await server.close();
        process.exit(0);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}
