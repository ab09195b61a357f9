import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

type Env = Record<string, string | undefined>;

/**
 * Where `hf auth login` keeps the token, as huggingface_hub reads it: `HF_TOKEN_PATH`, else `$HF_HOME/token`,
 * `HF_HOME` defaulting to `$XDG_CACHE_HOME/huggingface`, i.e. `~/.cache/huggingface`.
 */
export function hfTokenPath(env: Env = process.env): string {
  if (env.HF_TOKEN_PATH) return env.HF_TOKEN_PATH;
  const cache = env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(env.HF_HOME || join(cache, "huggingface"), "token");
}

/** Where `hubhooks login` keeps one token per endpoint: `$XDG_CONFIG_HOME/hubhooks/tokens.json`. */
export function loginStorePath(env: Env = process.env): string {
  const config = env.XDG_CONFIG_HOME || join(homedir(), ".config");
  return join(env.HUBHOOKS_CONFIG_DIR || join(config, "hubhooks"), "tokens.json");
}

/** The key of an endpoint in the login store: scheme, host, port and path, without a trailing slash. */
export const endpointKey = (endpoint: string): string => endpoint.trim().replace(/\/+$/, "").toLowerCase();

/** A file's first line, trimmed; undefined when it cannot be read or is empty. */
export function readTokenFile(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8").split("\n")[0]?.trim() || undefined;
  } catch {
    return undefined;
  }
}

function readStore(path: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
    return parsed && typeof parsed === "object" ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export function readLoginToken(endpoint: string, env: Env = process.env): string | undefined {
  const token = readStore(loginStorePath(env))[endpointKey(endpoint)];
  return typeof token === "string" && token ? token : undefined;
}

/** Saves (or, with `undefined`, forgets) the endpoint's token; the file is readable by its owner only. */
export function writeLoginToken(endpoint: string, token: string | undefined, env: Env = process.env): string {
  const path = loginStorePath(env);
  const store = readStore(path);
  if (token === undefined) delete store[endpointKey(endpoint)];
  else store[endpointKey(endpoint)] = token;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(store, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return path;
}
