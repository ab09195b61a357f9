import { type Command, Option } from "commander";
import { CliError } from "../cli-error.js";
import { databaseOption, describeDatabase, isPostgresLocation } from "../database-option.js";
import { addDeliveryOptions, deliverySettings } from "../delivery-options.js";
import { describePrivateTargets, privateTargetsPolicy } from "../private-targets.js";
import { listenMetrics, openService, stopOnSignals } from "../start-service.js";

/** `hubhooks worker`: delivery only, beside any number of `serve --no-worker` API processes on one PostgreSQL. */
export function registerWorker(program: Command): void {
  const command = program
    .command("worker")
    .description(
      "deliver webhooks from a PostgreSQL database shared with `hubhooks serve` processes (SQLite is single-process: use `serve`)",
    )
    .addOption(databaseOption())
    .addOption(
      new Option("--metrics-host <host>", "address of the --metrics-port listener (default 127.0.0.1)")
        .env("HUBHOOKS_METRICS_HOST")
        .default("127.0.0.1"),
    );
  addDeliveryOptions(command).action(
    async (options: {
      database: string;
      metricsHost: string;
      metricsPort?: string;
      publicHubUrl?: string;
      allowPrivateTargets?: boolean;
      denyPrivateTargets?: boolean;
    }) => {
      if (!isPostgresLocation(options.database)) {
        throw new CliError(
          `hubhooks worker needs PostgreSQL (--database postgres://…): a SQLite database (${describeDatabase(options.database)}) is served by one process, and "hubhooks serve" already delivers from it`,
        );
      }
      const delivery = deliverySettings(command, options, options.database, undefined);
      const privateTargets = privateTargetsPolicy(options, options.database, undefined);
      const server = await openService(options.database, delivery);
      // A worker has no API port: its counters (delivered, failed, attempts) are scraped from a metrics port.
      const metricsUrl =
        delivery.metricsPort === undefined ? undefined : await listenMetrics(server, options.metricsHost);
      server.worker.start();
      server.jobRunner?.start();
      server.scheduler.start();
      process.stdout.write(
        `hubhooks worker delivering from ${describeDatabase(options.database)} (pid ${process.pid}); ${describePrivateTargets(privateTargets)}${metricsUrl ? `; metrics at ${metricsUrl}/metrics` : ""}\n`,
      );
      stopOnSignals(server, "worker stopping: no new claims, finishing attempts in flight");
    },
  );
}
