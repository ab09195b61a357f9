import type { Command } from "commander";
import { CliError } from "../cli-error.js";
import { databaseFailure, databaseOption, describeDatabase, isPostgresLocation } from "../database-option.js";
import { addDeliveryOptions, deliverySettings } from "../delivery-options.js";
import { createLogger } from "../logger.js";

/** `hubhooks worker`: delivery only, beside any number of `serve --no-worker` API processes on one PostgreSQL. */
export function registerWorker(program: Command): void {
  const command = program
    .command("worker")
    .description(
      "deliver webhooks from a PostgreSQL database shared with `hubhooks serve` processes (SQLite is single-process: use `serve`)",
    )
    .addOption(databaseOption());
  addDeliveryOptions(command).action(async (options: { database: string; publicHubUrl: string }) => {
    if (!isPostgresLocation(options.database)) {
      throw new CliError(
        `hubhooks worker needs PostgreSQL (--database postgres://…): a SQLite database (${describeDatabase(options.database)}) is served by one process, and "hubhooks serve" already delivers from it`,
      );
    }
    // Workers never listen, so "loopback" cannot be inferred: private targets only when asked for.
    const delivery = deliverySettings(command, options, undefined);
    const { createServer, ConfigError } = await import("@hubhooks/server");
    const logger = createLogger();
    let server: Awaited<ReturnType<typeof createServer>>;
    try {
      server = await createServer({ database: options.database, delivery, logger });
    } catch (error) {
      if (error instanceof ConfigError) throw new CliError(error.message);
      throw databaseFailure(options.database, error);
    }
    server.worker.start();
    process.stdout.write(
      `hubhooks worker delivering from ${describeDatabase(options.database)} (pid ${process.pid})\n`,
    );
    const stop = async (signal: string) => {
      server.logger.info({ signal }, "worker stopping: no new claims, finishing attempts in flight");
      await server.close();
      process.exit(0);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
