import pino, { type Logger } from "pino";
import pretty from "pino-pretty";
import { CliError } from "./cli-error.js";

/**
 * The service's logger: readable lines on a terminal, JSON lines in production (`NODE_ENV=production`) or when
 * stdout is not a terminal. Pretty output is written synchronously, so the start-up banner and the log lines
 * keep their order.
 */
export function createLogger(): Logger {
  const level = process.env.LOG_LEVEL || "info";
  if (!(level in pino.levels.values) && level !== "silent") {
    throw new CliError(
      `LOG_LEVEL="${level}" is not a level: use one of ${Object.keys(pino.levels.values).join(", ")}, silent`,
    );
  }
  if (process.stdout.isTTY && process.env.NODE_ENV !== "production") {
    return pino({ level }, pretty({ sync: true, colorize: true, translateTime: "HH:MM:ss.l", ignore: "pid,hostname" }));
  }
  return pino({ level });
}
