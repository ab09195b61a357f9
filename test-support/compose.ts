import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { parseCommand, parseDockerfile, parseEnv, parseHealthcheck } from "./dockerfile.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

export interface ComposeService {
  build?: string;
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { disable?: boolean; test?: string[] };
}

/** `${NAME}`, `${NAME:-default}` and `${NAME:?error}` as compose reads them, from `env`. */
export function interpolate(value: string, env: Record<string, string | undefined>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, name: string, kind?: string, rest = "") => {
    const set = env[name];
    if (set !== undefined && set !== "") return set;
    if (kind === "-") return rest;
    if (kind === "?") throw new Error(`compose.yaml: ${name}: ${rest}`);
    return "";
  });
}

/** compose.yaml's services (merge keys resolved), and the final image's entrypoint, default command, env, check. */
export function readRecipe() {
  const compose = parse(readFileSync(join(ROOT, "compose.yaml"), "utf8"), { merge: true }) as {
    services: Record<string, ComposeService>;
  };
  const stages = parseDockerfile(readFileSync(join(ROOT, "Dockerfile"), "utf8"));
  const final = stages.at(-1)?.instructions ?? [];
  const args = (keyword: string) => final.filter((instruction) => instruction.keyword === keyword).map((i) => i.args);
  const image = {
    entrypoint: parseCommand(args("ENTRYPOINT")[0] ?? "[]"),
    cmd: parseCommand(args("CMD")[0] ?? "[]"),
    env: Object.assign({}, ...args("ENV").map(parseEnv)) as Record<string, string>,
    healthcheck: parseHealthcheck(args("HEALTHCHECK")[0] ?? ""),
    workdir: args("WORKDIR").at(-1) ?? "/",
    user: args("USER").at(-1),
  };
  return { services: compose.services, stages, image };
}
