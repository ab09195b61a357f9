import { randomBytes } from "node:crypto";

// MongoDB's ObjectId layout, as the Hub's ids: 4 bytes of seconds, 5 random bytes fixed per process, a 3-byte
// counter from a random start. Unique across processes without a random draw per id (ids are made per delivery
// and per attempt on the hot path).
const processPart = randomBytes(5).toString("hex");
let counter = randomBytes(3).readUIntBE(0, 3);

export function newObjectId(now = Date.now()): string {
  counter = (counter + 1) & 0xffffff;
  const seconds = Math.floor(now / 1000)
    .toString(16)
    .padStart(8, "0");
  return seconds + processPart + counter.toString(16).padStart(6, "0");
}
