/** A Dockerfile's instructions, grouped by stage: enough of the format to run a template's Dockerfile without Docker. */
export interface Instruction {
  keyword: string;
  /** Everything after the keyword, continuation lines joined. */
  args: string;
}

export interface Stage {
  image: string;
  name: string | undefined;
  instructions: Instruction[];
}

/** Parses comments, `\` continuations and `FROM image [AS name]` stages. */
export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  const logical = text
    .replace(/\\\r?\n/g, " ")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
  for (const line of logical) {
    const [, keyword = "", args = ""] = line.match(/^(\S+)\s*(.*)$/) ?? [];
    const upper = keyword.toUpperCase();
    if (upper === "FROM") {
      const [, image = "", name] = args.match(/^(\S+)(?:\s+AS\s+(\S+))?$/i) ?? [];
      stages.push({ image, name, instructions: [] });
    } else {
      const stage = stages.at(-1);
      if (!stage) throw new Error(`Dockerfile: ${upper} before FROM`);
      stage.instructions.push({ keyword: upper, args });
    }
  }
  return stages;
}

/** `ENV a=1 b="two"` (or the legacy `ENV a 1`) as a record. */
export function parseEnv(args: string): Record<string, string> {
  if (!/^\S+=/.test(args)) {
    const [, name = "", value = ""] = args.match(/^(\S+)\s+(.*)$/) ?? [];
    return { [name]: value };
  }
  const env: Record<string, string> = {};
  for (const [, name = "", quoted, bare] of args.matchAll(/(\w+)=(?:"((?:[^"\\]|\\.)*)"|(\S*))/g)) {
    env[name] = quoted !== undefined ? quoted.replace(/\\(.)/g, "$1") : (bare ?? "");
  }
  return env;
}

/** A `CMD`/`HEALTHCHECK CMD` command: exec form (JSON array) as is, shell form through `/bin/sh -c`. */
export function parseCommand(args: string): string[] {
  return args.startsWith("[") ? (JSON.parse(args) as string[]) : ["/bin/sh", "-c", args];
}

/** `HEALTHCHECK [--option=value …] CMD …`: the command, without the options. */
export function parseHealthcheck(args: string): string[] {
  const [, command = ""] = args.match(/^(?:--\S+\s+)*CMD\s+(.*)$/) ?? [];
  return parseCommand(command);
}
