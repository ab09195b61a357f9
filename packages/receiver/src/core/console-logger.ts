import type { ReceiverLogger } from "./types.js";

export const consoleLogger: ReceiverLogger = {
  info: (message) => console.log(message),
  warn: (message) => console.warn(message),
  error: (message, error) => console.error(message, error),
};
