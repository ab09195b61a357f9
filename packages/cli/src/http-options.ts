// The settings module alone (zod), not the whole server: the CLI loads that only for the commands that run it.
import { isProxyEntry } from "@hubhooks/server/config";
import { type Command, Option } from "commander";
import { CliError } from "./cli-error.js";
import { parseWhole, settingOf } from "./service-options.js";

export interface HttpOptions {
  headersTimeout?: string;
  requestTimeout?: string;
  maxConnections?: string;
  maxConnectionsPerAddress?: string;
  trustProxy?: string;
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
    )
    .addOption(
      new Option(
        "--trust-proxy <addresses>",
        "reverse proxies (comma-separated addresses or CIDR ranges) whose X-Forwarded-For names the client, for the per-address limits",
      ).env("HUBHOOKS_TRUST_PROXY"),
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
  const trustedProxies = options.trustProxy
    ?.split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  const bad = trustedProxies?.find((entry) => !isProxyEntry(entry));
  if (bad !== undefined) {
    const { flag } = settingOf(command, "trustProxy", "HUBHOOKS_TRUST_PROXY");
    throw new CliError(`${flag} takes addresses and CIDR ranges (10.0.0.0/8, ::1), got "${bad}"`);
  }
  return Object.fromEntries(Object.entries({ ...http, trustedProxies }).filter(([, value]) => value !== undefined));
}
