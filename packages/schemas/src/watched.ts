import { z } from "zod";

export const REPO_TYPES = ["model", "dataset", "space"] as const;
export const NAMESPACE_TYPES = ["user", "org"] as const;
export const WATCHED_TYPES = [...REPO_TYPES, ...NAMESPACE_TYPES] as const;

export type RepoType = (typeof REPO_TYPES)[number];
export type WatchedType = (typeof WATCHED_TYPES)[number];

// One path segment of a Hub name: letters, digits, "-", "_", "." — not starting or ending with "-" or ".",
// and no "--" or ".." (the Hub refuses those too). The doubled characters are looked for apart from the regexp:
// a lookahead over the whole name made this the costliest check of an ingest batch.
const SEGMENT = "[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?";
const NAMESPACE = new RegExp(`^${SEGMENT}$`);
const REPO_NAME = new RegExp(`^${SEGMENT}(?:/${SEGMENT})?$`);

function hasDoubledSeparator(name: string): boolean {
  return name.includes("--") || name.includes("..");
}

export function isValidNamespace(name: string): boolean {
  return NAMESPACE.test(name) && !hasDoubledSeparator(name);
}

/** `name` (a canonical repo such as `gpt2`) or `namespace/name`. */
export function isValidRepoName(name: string): boolean {
  return REPO_NAME.test(name) && !hasDoubledSeparator(name);
}

/** The user or org a repo belongs to; canonical repos (`gpt2`) have none. */
export function namespaceOf(repoName: string): string | undefined {
  const slash = repoName.indexOf("/");
  return slash === -1 ? undefined : repoName.slice(0, slash);
}

export const WatchedItemSchema = z
  .object({
    type: z.enum(WATCHED_TYPES, {
      error: `type must be one of ${WATCHED_TYPES.join(", ")}`,
    }),
    name: z.string({ error: "name must be a string" }),
  })
  .superRefine((item, ctx) => {
    const isRepo = (REPO_TYPES as readonly string[]).includes(item.type);
    const valid = isRepo ? isValidRepoName(item.name) : isValidNamespace(item.name);
    if (!valid) {
      ctx.addIssue({
        code: "custom",
        path: ["name"],
        message: isRepo
          ? `"${item.name}" is not a valid ${item.type} name: expected "name" or "namespace/name"`
          : `"${item.name}" is not a valid ${item.type} name`,
      });
    }
  });

export type WatchedItem = z.infer<typeof WatchedItemSchema>;
