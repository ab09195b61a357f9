import { type Command, Option } from "commander";
import { CliError } from "./cli-error.js";
import { booleanFlag, booleanSetting, parseHttpUrl, parseWhole, settingOf } from "./service-options.js";

const DAY_MS = 86_400_000;

export interface RelayOptions {
  relayOnly?: boolean;
  publicUrl?: string;
  adminToken?: string;
  relayMaxBody?: string;
  relayMaxEvents?: string;
  relayMaxAge?: string;
  relayMaxChannels?: string;
}

/** `serve`'s relay settings, each with its environment variable (a Space sets them as variables or secrets). */
export function addRelayOptions(command: Command): Command {
  return command
    .addOption(
      booleanFlag(
        "--relay-only",
        "serve only relay channels and what `hubhooks listen` needs (for a public host such as a Space)",
        "HUBHOOKS_RELAY_ONLY",
      ),
    )
    .addOption(
      new Option(
        "--public-url <url>",
        "this server's public URL, for channel URLs (default: https://$SPACE_HOST on a Space, else the request's)",
      ).env("HUBHOOKS_PUBLIC_URL"),
    )
    .addOption(
      new Option(
        "--admin-token <token>",
        'an access token (hf_ and 30+ letters) that user "admin" gets at start: set it as a secret where no shell runs',
      ).env("HUBHOOKS_ADMIN_TOKEN"),
    )
    .addOption(
      new Option("--relay-max-body <bytes>", "largest request a channel takes (default 1048576)").env(
        "HUBHOOKS_RELAY_MAX_BODY",
      ),
    )
    .addOption(
      new Option(
        "--relay-max-events <n>",
        "events a channel keeps, and unacknowledged ones it holds (default 1000)",
      ).env("HUBHOOKS_RELAY_MAX_EVENTS"),
    )
    .addOption(
      new Option("--relay-max-age <ms>", "how long a channel keeps an event (default 7 days)").env(
        "HUBHOOKS_RELAY_MAX_AGE",
      ),
    )
    .addOption(
      new Option("--relay-max-channels <n>", "channels one account may have, 0 for no cap (default 20)").env(
        "HUBHOOKS_RELAY_MAX_CHANNELS",
      ),
    );
}

export function relaySettings(command: Command, options: RelayOptions) {
  const whole = (key: keyof RelayOptions & string, env: string, min: number, max: number) => {
    const value = options[key];
    return value === undefined ? undefined : parseWhole(String(value), settingOf(command, key, env), "", min, max);
  };
  const relay = {
    maxBodyBytes: whole("relayMaxBody", "HUBHOOKS_RELAY_MAX_BODY", 1024, 32 * 1024 * 1024),
    maxEventsPerChannel: whole("relayMaxEvents", "HUBHOOKS_RELAY_MAX_EVENTS", 1, 1_000_000),
    maxEventAgeMs: whole("relayMaxAge", "HUBHOOKS_RELAY_MAX_AGE", 60_000, 3650 * DAY_MS),
    maxChannelsPerAccount: whole("relayMaxChannels", "HUBHOOKS_RELAY_MAX_CHANNELS", 0, 1_000_000),
  };
  const spaceHost = process.env.SPACE_HOST;
  const publicUrl = options.publicUrl
    ? parseHttpUrl(options.publicUrl, settingOf(command, "publicUrl", "HUBHOOKS_PUBLIC_URL"))
    : spaceHost
      ? `https://${spaceHost}`
      : null;
  const adminToken = options.adminToken;
  if (adminToken !== undefined && !/^hf_[A-Za-z0-9]{30,}$/.test(adminToken)) {
    throw new CliError(
      `${settingOf(command, "adminToken", "HUBHOOKS_ADMIN_TOKEN").flag} must be hf_ and at least 30 letters or digits`,
    );
  }
  return {
    relay: Object.fromEntries(Object.entries(relay).filter(([, value]) => value !== undefined)),
    relayOnly: booleanSetting(options.relayOnly, "--relay-only", "HUBHOOKS_RELAY_ONLY") ?? false,
    publicUrl,
    adminToken,
  };
}
