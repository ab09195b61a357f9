import { type Command, Option } from "commander";
import { parseWhole, settingOf } from "./service-options.js";

export interface HttpOptions {
  headersTimeout?: string;
  requestTimeout?: string;
  maxConnections?: string;
  maxConnectionsPerAddress?: string;
}

/** `serve`'s bounds on slow clients and connection floods, each with its environment variable. */
export function addHttpOptions(command: Command): Command {
  return command
    .addOption(
      new Option("--headers-timeout <ms>", "time a client has to send a request's headers (default 20000)").env(
        "HUBHOOKS_HEADERS_TIMEOUT",
      ),
    )
    .addOption(
      new Option(
        "--request-timeout <ms>",
        "time a client has to send a whole request, body included (default 60000)",
      ).env("HUBHOOKS_REQUEST_TIMEOUT"),
    )
    .addOption(
      new Option("--max-connections <n>", "open connections in all, 0 for no cap (default 10000)").env(
        "HUBHOOKS_MAX_CONNECTIONS",
      ),
    )
    .addOption(
      new Option(
        "--max-connections-per-address <n>",
        "open connections per client address, 0 for no cap (default 0); set it where clients connect directly, not behind a proxy",
      ).env("HUBHOOKS_MAX_CONNECTIONS_PER_ADDRESS"),
    );
}

export function httpSettings(command: Command, options: HttpOptions) {
  const whole = (key: keyof HttpOptions & string, env: string, min: number, max: number) => {
    const value = options[key];
    return value === undefined ? undefined : parseWhole(String(value), settingOf(command, key, env), "", min, max);
  };
  const http = {
    headersTimeoutMs: whole("headersTimeout", "HUBHOOKS_HEADERS_TIMEOUT", 1_000, 3_600_000),
    requestTimeoutMs: whole("requestTimeout", "HUBHOOKS_REQUEST_TIMEOUT", 1_000, 86_400_000),
    maxConnections: whole("maxConnections", "HUBHOOKS_MAX_CONNECTIONS", 0, 10_000_000),
    maxConnectionsPerAddress: whole("maxConnectionsPerAddress", "HUBHOOKS_MAX_CONNECTIONS_PER_ADDRESS", 0, 10_000_000),
  };
  return Object.fromEntries(Object.entries(http).filter(([, value]) => value !== undefined));
}
