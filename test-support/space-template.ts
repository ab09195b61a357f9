import { type ChildProcess, execFile, spawn } from "node:child_process";
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, realpath, rm, symlink } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, posix, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { parseCommand, parseDockerfile, parseEnv, parseHealthcheck, type Stage } from "./dockerfile.js";
import { freePort } from "./free-port.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const run = promisify(execFile);

/** What a Space sets for the container (besides the secrets you add): its public host and the app's port. */
export interface SpaceEnv {
  PORT: string;
  SPACE_HOST: string;
  [name: string]: string;
}

export interface RunningTemplate {
  /** How it ran, for the test's name and output. */
  mode: string;
  /** Where this machine reaches the app (the Space's proxy would route the public URL here). */
  localUrl: string;
  /** The `POST <url>` lines the app printed. */
  printedUrls: string[];
  output(): string;
  /** The uid the app runs as. */
  uid(): Promise<number>;
  /** Runs the Dockerfile's HEALTHCHECK command as Docker would, in the app's environment; its exit code. */
  healthcheck(): Promise<number>;
  stop(): Promise<void>;
}

/** Why no container engine is usable here, or undefined when `docker info` answers. */
export async function noContainerEngine(): Promise<string | undefined> {
  try {
    await run("docker", ["info", "--format", "{{.ServerVersion}}"], { timeout: 20_000 });
    return undefined;
  } catch (error) {
    const failed = error as { stderr?: string; message: string };
    return (failed.stderr || failed.message).trim().split("\n").at(-1) ?? "docker info failed";
  }
}

/** 7860 (a Space's app_port) when free here, else a free port: either way passed to the app as PORT. */
export function spacePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(freePort()));
    probe.listen(7860, "0.0.0.0", () => probe.close(() => resolve(7860)));
  });
}

/** Builds the template in `context` and runs it as its Dockerfile's CMD, in Docker when an engine answers. */
/** The line a receiver template prints once it listens. */
export const RECEIVER_READY = /Go to \S+ to setup your webhooks/;

export async function runSpaceTemplate(
  context: string,
  env: SpaceEnv,
  ready = RECEIVER_READY,
): Promise<RunningTemplate> {
  const reason = await noContainerEngine();
  if (reason === undefined) {
    const { runInDocker } = await import("./space-template-docker.js");
    return runInDocker(context, env, ready);
  }
  return runWithoutEngine(context, env, `no container engine (${reason})`, ready);
}

interface Built {
  /** The stages' directories, to remove afterwards. */
  dirs: string[];
  cwd: string;
  env: Record<string, string>;
  cmd: string[];
  healthcheck: string[];
  user: string | undefined;
}

/**
 * Runs each stage of the Dockerfile in a directory of its own: COPY copies (from the context or an earlier
 * stage), RUN runs through `sh -c`, except `npm install` / `npm ci`, which link the workspace's build of each
 * dependency the package.json names (without devDependencies for `--omit=dev`) instead of downloading it.
 */
export async function buildWithoutEngine(context: string): Promise<Built> {
  const stages = parseDockerfile(await readFile(join(context, "Dockerfile"), "utf8"));
  const roots = new Map<string, string>();
  let built: Built | undefined;
  for (const [index, stage] of stages.entries()) {
    const root = await mkdtemp(join(tmpdir(), `space-stage-${index}-`));
    await chmod(root, 0o755);
    roots.set(stage.name ?? String(index), root);
    built = await runStage(stage, root, context, roots);
  }
  if (!built) throw new Error("Dockerfile: no stage");
  return { ...built, dirs: [...roots.values()] };
}

async function runStage(stage: Stage, root: string, context: string, roots: Map<string, string>): Promise<Built> {
  let workdir = "/";
  const env: Record<string, string> = {};
  const built: Built = { dirs: [], cwd: root, env, cmd: [], healthcheck: [], user: undefined };
  for (const { keyword, args } of stage.instructions) {
    const cwd = join(root, workdir);
    if (keyword === "WORKDIR") {
      workdir = posix.resolve(workdir, args);
      await mkdir(join(root, workdir), { recursive: true, mode: 0o755 });
    } else if (keyword === "ENV") Object.assign(env, parseEnv(args));
    else if (keyword === "COPY") await copy(args, cwd, context, roots);
    else if (keyword === "RUN") await runCommand(args, cwd, env);
    else if (keyword === "USER") built.user = args;
    else if (keyword === "CMD") built.cmd = parseCommand(args);
    else if (keyword === "HEALTHCHECK") built.healthcheck = parseHealthcheck(args);
    else if (keyword !== "EXPOSE" && keyword !== "LABEL" && keyword !== "ARG") {
      throw new Error(`Dockerfile: ${keyword} is not emulated here`);
    }
  }
  built.cwd = join(root, workdir);
  return built;
}

async function copy(args: string, cwd: string, context: string, roots: Map<string, string>): Promise<void> {
  const words = args.split(/\s+/);
  const from = words.find((word) => word.startsWith("--from="))?.slice("--from=".length);
  const [dest = ".", ...sources] = words.filter((word) => !word.startsWith("--")).reverse();
  const base = from === undefined ? context : roots.get(from);
  if (!base) throw new Error(`Dockerfile: COPY --from=${from}: no such stage`);
  const target = join(cwd, dest);
  for (const source of sources.reverse()) {
    const dir = join(base, dirname(source));
    const pattern = posix.basename(source);
    const names = pattern.includes("*")
      ? (await readdir(dir)).filter((name) => globRegExp(pattern).test(name))
      : [pattern];
    if (names.length === 0) throw new Error(`Dockerfile: COPY ${source}: no file matches`);
    for (const name of names) {
      const into = dest.endsWith("/") || dest === "." || sources.length > 1 ? join(target, name) : target;
      await cp(join(dir, name), into, { recursive: true });
    }
  }
}

async function runCommand(args: string, cwd: string, env: Record<string, string>): Promise<void> {
  for (const part of args.split("&&").map((command) => command.trim())) {
    if (/^npm (ci|install)\b/.test(part)) await linkDependencies(cwd, /--omit=dev/.test(part));
    else if (/^npm cache clean\b/.test(part)) continue;
    else await run("/bin/sh", ["-c", part], { cwd, env: { ...process.env, ...env }, timeout: 120_000 });
  }
}

/** Stands in for `npm install`: each dependency is a link to the workspace's copy, which must satisfy the spec. */
async function linkDependencies(dir: string, omitDev: boolean): Promise<void> {
  const manifest = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as Record<
    string,
    Record<string, string>
  >;
  const wanted = { ...manifest.dependencies, ...(omitDev ? {} : manifest.devDependencies) };
  await mkdir(join(dir, "node_modules", ".bin"), { recursive: true });
  for (const [name, spec] of Object.entries(wanted)) {
    const target = await realpath(join(ROOT, "node_modules", name)).catch(() => {
      throw new Error(`package.json names ${name}, which the workspace does not have`);
    });
    const linked = JSON.parse(await readFile(join(target, "package.json"), "utf8")) as {
      version: string;
      bin?: string | Record<string, string>;
    };
    if (!satisfies(linked.version, spec)) throw new Error(`${name}@${spec}: the workspace has ${linked.version}`);
    await mkdir(dirname(join(dir, "node_modules", name)), { recursive: true });
    await symlink(target, join(dir, "node_modules", name));
    const bins =
      typeof linked.bin === "string" ? { [name.split("/").at(-1) as string]: linked.bin } : (linked.bin ?? {});
    for (const [bin, file] of Object.entries(bins))
      await symlink(join(target, file), join(dir, "node_modules", ".bin", bin));
  }
}

/** `^x.y.z`, `~x.y.z` and exact versions: all a template's package.json uses. */
export function satisfies(version: string, spec: string): boolean {
  const [, op = "", range = ""] = spec.match(/^([~^]?)(\d+\.\d+\.\d+)$/) ?? [];
  if (!range) return false;
  const [a, b, c] = version.split(".").map(Number) as [number, number, number];
  const [x, y, z] = range.split(".").map(Number) as [number, number, number];
  const atLeast = a > x || (a === x && (b > y || (b === y && c >= z)));
  if (op === "") return version === range;
  if (op === "~") return a === x && b === y && atLeast;
  return atLeast && a === x && (x > 0 || b === y);
}

/** Runs the built template's CMD in its WORKDIR with the Dockerfile's ENV and the Space's, as uid 1000 if root. */
async function runWithoutEngine(
  context: string,
  space: SpaceEnv,
  reason: string,
  ready: RegExp,
): Promise<RunningTemplate> {
  const built = await buildWithoutEngine(context);
  const home = await mkdtemp(join(tmpdir(), "space-home-"));
  const nonRoot = process.getuid?.() === 0 && (built.user === "node" || built.user === "1000");
  if (nonRoot) await chmod(home, 0o777);
  const env = { PATH: `${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`, HOME: home, ...built.env, ...space };
  const ids = nonRoot ? { uid: 1000, gid: 1000 } : {};
  const [command = "", ...args] = built.cmd;
  const child = spawn(command, args, { cwd: built.cwd, env, ...ids });
  const mode = `${reason}: Dockerfile stages run here, npm install/ci as links to the workspace, CMD ${JSON.stringify(built.cmd)} ${asWho(built.user, nonRoot)}`;
  const cleanup = async () => {
    for (const dir of [home, ...built.dirs]) await rm(dir, { recursive: true, force: true });
  };
  return started(
    child,
    mode,
    space.PORT,
    {
      uid: async () => Number((await run("/bin/sh", ["-c", "id -u"], { env, ...ids })).stdout.trim()),
      healthcheck: () => exitCode(built.healthcheck, { cwd: built.cwd, env, ...ids }),
      cleanup,
    },
    ready,
  ).catch(async (error: unknown) => {
    await cleanup();
    throw error;
  });
}

function asWho(user: string | undefined, switched: boolean): string {
  if (switched) return "as uid 1000";
  if (user === undefined) return "as root: the Dockerfile sets no USER";
  return `as uid ${process.getuid?.()}: not root, so USER ${user} cannot be switched to`;
}

function exitCode(command: string[], options: Parameters<typeof spawn>[2]): Promise<number> {
  const [file = "", ...args] = command;
  return new Promise((resolve) => {
    const child = spawn(file, args, options);
    child.once("exit", (code) => resolve(code ?? 1));
  });
}

/** Waits for the app's `ready` line (a receiver's "Go to … to setup your webhooks."), collecting `POST <url>` lines. */
export function started(
  child: ChildProcess,
  mode: string,
  port: string,
  extra: { uid(): Promise<number>; healthcheck(): Promise<number>; cleanup(): Promise<void> },
  ready = RECEIVER_READY,
): Promise<RunningTemplate> {
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the template did not start (${mode}):\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!ready.test(output)) return;
      clearTimeout(timer);
      resolve({
        mode,
        localUrl: `http://127.0.0.1:${port}`,
        printedUrls: [...output.matchAll(/^\s+- POST (\S+)$/gm)].map((match) => match[1] as string),
        output: () => output,
        uid: extra.uid,
        healthcheck: extra.healthcheck,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill();
          await exited;
          await extra.cleanup();
        },
      });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`the template exited with ${code} (${mode}):\n${output}`)));
  });
}

/** A file-name pattern with `*` wildcards, as COPY and .dockerignore use them. */
const globRegExp = (pattern: string) => new RegExp(`^${pattern.replace(/\./g, "\\.").replace(/\*/g, ".*")}$`);

/** Copies `dir` (the template) into a fresh build context, leaving out what its .dockerignore names. */
export async function copyContext(dir: string, leaveOut: string[] = []): Promise<string> {
  const ignore = await readFile(join(dir, ".dockerignore"), "utf8").catch(() => "");
  const patterns = [...ignore.split("\n"), ...leaveOut]
    .map((line) => line.trim().replace(/\/$/, ""))
    .filter((line) => line && !line.startsWith("#"))
    .map(globRegExp);
  const context = await mkdtemp(join(tmpdir(), "space-context-"));
  await cp(dir, context, {
    recursive: true,
    filter: (source) => source === dir || !patterns.some((pattern) => pattern.test(relative(dir, source))),
  });
  return context;
}
