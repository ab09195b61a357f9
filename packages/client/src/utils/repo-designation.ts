import type { RepoDesignation, RepoId } from "../types/public.js";

const PREFIXES = { "datasets/": "dataset", "spaces/": "space", "models/": "model" } as const;

/** `{type, name}`, or a name as the Hub's URLs write it: "user/model", "datasets/user/data", "spaces/user/app". */
export function toRepoId(repo: RepoDesignation): RepoId {
  if (typeof repo !== "string") return repo;
  for (const [prefix, type] of Object.entries(PREFIXES)) {
    if (repo.startsWith(prefix)) return { type, name: repo.slice(prefix.length) };
  }
  return { type: "model", name: repo };
}

/** `/api/models/user/model`: the API path of a repo. */
export function repoApiPath(repo: RepoDesignation, suffix = ""): string {
  const { type, name } = toRepoId(repo);
  return `/api/${type}s/${name.split("/").map(encodeURIComponent).join("/")}${suffix}`;
}
