import { randomBytes } from "node:crypto";

/** A 24-hex id shaped like the Hub's MongoDB ObjectIds: 4 bytes of seconds, then 8 random bytes. */
export function newObjectId(now = Date.now()): string {
  const seconds = Math.floor(now / 1000)
    .toString(16)
    .padStart(8, "0");
  return seconds + randomBytes(8).toString("hex");
}
