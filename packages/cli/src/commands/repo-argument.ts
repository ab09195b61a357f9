import type { RepoId } from "@hubhooks/client";
import { Option } from "commander";
import { CliError } from "../cli-error.js";

export const repoTypeOption = () =>
  new Option("--type <type>", 'repo type (or write the repo as "datasets/ns/name", "spaces/ns/name")').choices([
    "model",
    "dataset",
    "space",
  ]);

/**
 * The repo a command names: "ns/name" or "name" with --type, or with the Hub's URL prefix ("datasets/ns/name").
 * A name without a namespace is the token owner's, as `huggingface_hub` does, except where the command says.
 */
export async function repoArgument(repo: string, type: string | undefined): Promise<RepoId> {
  const { toRepoId } = await import("@hubhooks/client");
  const parsed = type ? { type: type as RepoId["type"], name: repo } : toRepoId(repo);
  if (!/^[\w.-]+(\/[\w.-]+)?$/.test(parsed.name)) {
    throw new CliError(`"${repo}" is not a repo: write "namespace/name" (or "datasets/namespace/name")`);
  }
  return parsed;
}

export function parseNum(value: string): number {
  const num = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(num) || num < 1) {
    throw new CliError(`"${value}" is not a discussion number`);
  }
  return num;
}
