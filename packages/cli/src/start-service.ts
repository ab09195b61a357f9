import { CliError } from "./cli-error.js";
import { databaseFailure } from "./database-option.js";
import type { DeliverySettings } from "./delivery-options.js";
import { createLogger } from "./logger.js";

type HubhooksServer = import("@hubhooks/server").HubhooksServer;

/** Opens the database and builds the service; a bad setting or an unreachable database is one line. */
export async function openService(database: string, delivery: DeliverySettings): Promise<HubhooksServer> {
  const { createServer, ConfigError } = await import("@hubhooks/server");
  const logger = createLogger();
  try {
    return await createServer({ database, delivery, logger });
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw databaseFailure(database, error);
  }
}

/** Starts the --metrics-port listener; a busy port or an unknown host is one line. */
export async function listenMetrics(server: HubhooksServer, host: string): Promise<string> {
  try {
    return await server.listenMetrics(host);
  } catch (error) {
    await server.close();
    throw metricsListenFailure(error, host, server.config.metricsPort);
  }
}

/** The one line for a metrics listener that could not start, or the error itself when it is another. */
export function metricsListenFailure(error: unknown, host: string, port: number | null): unknown {
  const { code, port: failedPort } = error as { code?: string; port?: number };
  if (port === null || failedPort !== port) return error;
  if (code === "EADDRINUSE") {
    return new CliError(`--metrics-port ${port} on ${host} is already in use: choose another or HUBHOOKS_METRICS_PORT`);
  }
  return new CliError(`cannot serve metrics on ${host}:${port} (${code ?? String(error)})`);
}

/** SIGINT and SIGTERM close the service cleanly (in-flight attempts finish or are handed back) and exit 0. */
export function stopOnSignals(server: HubhooksServer, message: string): void {
  const stop = async (signal: string) => {
    server.logger.info({ signal }, message);
    await server.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
