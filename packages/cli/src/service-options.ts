import { isIP } from "node:net";
import type { Command } from "commander";
import { Option } from "commander";
import { CliError } from "./cli-error.js";

/** How a setting is spelled on the command line and in the environment, for error messages. */
interface Setting {
  flag: string;
  env: string;
}

const TRUE_WORDS = ["1", "true", "yes", "on"];
const FALSE_WORDS = ["0", "false", "no", "off"];

/** `1/true/yes/on` or `0/false/no/off` (any case); anything else is an error naming the setting. */
export function parseBoolean(value: string, setting: Setting): boolean {
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.includes(word)) return true;
  if (FALSE_WORDS.includes(word)) return false;
  throw new CliError(
    `${setting.env}="${value}" is not a boolean: use one of ${[...TRUE_WORDS, ...FALSE_WORDS].join(", ")}`,
  );
}

/** A whole number written as digits only: "abc", "1.5", "-5", "1e3" and "" are refused, not coerced. */
export function parseWhole(value: string, setting: Setting, label: string, min: number, max: number): number {
  const text = value.trim();
  const number = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    throw new CliError(
      `${[setting.flag, label].filter(Boolean).join(" ")} must be a whole number from ${min} to ${max}, got "${value}"`,
    );
  }
  return number;
}

export function parseHttpUrl(value: string, setting: Setting): string {
  if (!/^https?:\/\/[^/\s]+/i.test(value) || !URL.canParse(value)) {
    throw new CliError(`${setting.flag} must be an http(s) URL, got "${value}"`);
  }
  return value.replace(/\/+$/, "");
}

/** Loopback decided from the parsed address (`127.foo.example` is a host name, not loopback). */
export function isLoopbackHost(host: string): boolean {
  if (host === "localhost") return true;
  const bare = host.replace(/^\[|\]$/g, "");
  if (isIP(bare) === 4) return bare.split(".")[0] === "127";
  if (isIP(bare) === 6) return bare === "::1" || /^::ffff:127\./i.test(bare);
  return false;
}

/** The command-line spelling of an option (and its env variable) as the user set it. */
export function settingOf(command: Command, key: string, env: string): Setting {
  const option = command.options.find((candidate) => candidate.attributeName() === key);
  const flag = option?.long ?? `--${key}`;
  return command.getOptionValueSource(key) === "env" ? { flag: env, env } : { flag, env };
}

/**
 * A boolean flag that can also be set by an environment variable, parsed strictly. (Commander's own `.env()` on a
 * flag treats a defined variable as on, whatever its value: `ALLOW=false` would turn the flag on.)
 */
export function booleanFlag(flags: string, description: string, env: string): Option {
  return new Option(flags, `${description} (env ${env}=true|false)`);
}

/** The flag's value, else the environment's, else undefined. */
export function booleanSetting(value: boolean | undefined, flag: string, env: string): boolean | undefined {
  if (value !== undefined) return value;
  const raw = process.env[env];
  return raw === undefined || raw === "" ? undefined : parseBoolean(raw, { flag, env });
}
