import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export { freePort } from "./free-port.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const TSX = join(ROOT, "node_modules", ".bin", "tsx");

/** The ```ts blocks of a README, in order. */
export async function typescriptBlocks(readme: string): Promise<string[]> {
  const text = await readFile(join(ROOT, readme), "utf8");
  return [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] as string);
}

export interface RunningExample {
  output(): string;
  /** Resolves when the output matches `pattern`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/**
 * Runs a README block exactly as written with tsx, from a file inside the package (so `@hubhooks/*` resolve as
 * in a project that installed them) in an ES module scope (top-level await).
 */
export async function runExample(
  packageDir: string,
  name: string,
  code: string,
  env: Record<string, string>,
): Promise<RunningExample> {
  const file = join(ROOT, packageDir, ".readme-examples", `${name}.mts`);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, code);
  const child: ChildProcess = spawn(TSX, [file], { env: { ...process.env, ...env }, cwd: dirname(file) });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    output: () => output,
    exited,
    async waitFor(pattern, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(output)) {
        if (Date.now() > deadline || child.exitCode !== null) {
          throw new Error(`example ${name} never printed ${pattern}:\n${output}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill();
        await exited;
      }
      await rm(file, { force: true });
    },
  };
}
