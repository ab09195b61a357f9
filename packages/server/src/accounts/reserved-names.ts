/**
 * Names a user, an org or a canonical repo may not take: the first path segment of this server's own routes
 * (a user named "datasets" would own `/datasets/x`, a canonical repo "settings" would sit on the settings
 * pages), the words of repo URLs, and a few more of the Hub's own top-level pages. Compared case-insensitively,
 * as the Hub compares names.
 */
const RESERVED = new Set([
  // Mounted here at the top level, and the repo URL words.
  "api",
  "datasets",
  "spaces",
  "models",
  "settings",
  "signin",
  "signout",
  "health",
  "openapi.json",
  "resolve",
  "discussions",
  "blob",
  "tree",
  "commit",
  "commits",
  // The Hub's own pages and its other repo kinds.
  "buckets",
  "collections",
  "docs",
  "join",
  "login",
  "logout",
  "new",
  "organizations",
  "papers",
  "pricing",
  "search",
]);

export function isReservedName(name: string): boolean {
  return RESERVED.has(name.toLowerCase());
}

export function reservedNameMessage(name: string): string {
  return `"${name}" is reserved: it is part of this server's URLs (such as /${name.toLowerCase()}/…)`;
}
