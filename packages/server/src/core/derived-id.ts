import { createHash } from "node:crypto";

/** A stable ObjectId-shaped id for a name (a repo, a namespace), so every event about it carries the same id. */
export function derivedObjectId(kind: string, name: string): string {
  return createHash("sha256").update(`${kind}:${name}`).digest("hex").slice(0, 24);
}
