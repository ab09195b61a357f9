import { type ChildProcessWithoutNullStreams, execFile, spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

export const BIN = fileURLToPath(new URL("../packages/cli/dist/bin.js", import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The tests' bins never read the developer's saved tokens (`hf auth login`, `hubhooks login`): both point at a
 * folder that does not exist unless a test passes its own.
 */
const NO_SAVED_TOKENS = {
  HF_HOME: join(tmpdir(), "hubhooks-tests-no-saved-tokens"),
  HF_TOKEN_PATH: "",
  HUBHOOKS_CONFIG_DIR: join(tmpdir(), "hubhooks-tests-no-saved-tokens"),
};

/** Runs the built `hubhooks` bin to completion (stdin is not a TTY). */
export async function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], {
      env: { ...process.env, ...NO_SAVED_TOKENS, ...env, NO_COLOR: "1" },
      timeout: 30_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === "number" ? failed.code : 1,
      stdout: failed.stdout ?? "",
      stderr: failed.stderr ?? "",
    };
  }
}

const shellQuote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;

/**
 * Runs the built bin with stdout on a pseudo-terminal `columns` wide, as in a user's terminal (util-linux
 * `script`, which every Debian has). Output lines end in "\n" as when piped.
 */
export async function runCliInTerminal(
  args: string[],
  env: Record<string, string>,
  columns: number,
): Promise<CliResult> {
  const command = `stty cols ${columns} rows 50; exec ${[process.execPath, BIN, ...args].map(shellQuote).join(" ")}`;
  const result = await new Promise<CliResult>((resolve) => {
    execFile(
      "script",
      ["-qec", command, "/dev/null"],
      { env: { ...process.env, ...NO_SAVED_TOKENS, ...env, NO_COLOR: "1" }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
  return { ...result, stdout: result.stdout.replaceAll("\r\n", "\n") };
}

export interface ServeProcess {
  url: string;
  adminToken: string | undefined;
  child: ChildProcessWithoutNullStreams;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `hubhooks serve --port 0` and waits for its "listening on" line. */
export function startServe(args: string[], env: Record<string, string> = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, "serve", "--port", "0", ...args], {
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/listening on (http:\/\/\S+)/);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve({
        url: match[1],
        adminToken: output.match(/^\s+(hf_[A-Za-z]+)\s*$/m)?.[1],
        child,
        output: () => output,
        stop: (signal = "SIGTERM") => {
          child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
}

export interface WorkerProcess {
  child: ChildProcessWithoutNullStreams;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `hubhooks worker` and waits for its "delivering from" line. */
export function startWorker(args: string[], env: Record<string, string> = {}): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [BIN, "worker", ...args], {
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!/delivering from/.test(output)) return;
      clearTimeout(timer);
      resolve({
        child,
        output: () => output,
        stop: (signal = "SIGTERM") => {
          if (child.exitCode !== null || child.signalCode !== null) return exited;
          child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`worker exited with ${code}:\n${output}`)));
  });
}
