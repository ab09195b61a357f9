import type { Command } from "commander";
import { CliError } from "../cli-error.js";
import { databaseOption, describeDatabase, isPostgresLocation } from "../database-option.js";
import { addDeliveryOptions, deliverySettings } from "../delivery-options.js";
import { openService, stopOnSignals } from "../start-service.js";

/** `hubhooks worker`: delivery only, beside any number of `serve --no-worker` API processes on one PostgreSQL. */
export function registerWorker(program: Command): void {
  const command = program
    .command("worker")
    .description(
      "deliver webhooks from a PostgreSQL database shared with `hubhooks serve` processes (SQLite is single-process: use `serve`)",
    )
    .addOption(databaseOption());
  addDeliveryOptions(command).action(async (options: { database: string; publicHubUrl?: string }) => {
    if (!isPostgresLocation(options.database)) {
      throw new CliError(
        `hubhooks worker needs PostgreSQL (--database postgres://…): a SQLite database (${describeDatabase(options.database)}) is served by one process, and "hubhooks serve" already delivers from it`,
      );
    }
    // Workers never listen, so "loopback" cannot be inferred: private targets only when asked for.
    const delivery = deliverySettings(command, options, undefined);
    const server = await openService(options.database, delivery);
    server.worker.start();
    server.jobRunner?.start();
    process.stdout.write(
      `hubhooks worker delivering from ${describeDatabase(options.database)} (pid ${process.pid})\n`,
    );
    stopOnSignals(server, "worker stopping: no new claims, finishing attempts in flight");
  });
}
