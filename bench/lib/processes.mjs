import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../packages/cli/dist/bin.js", import.meta.url));
const TICKS_PER_SECOND = 100;

/** Starts a `hubhooks` command and resolves once it printed `ready` (a regexp); the process and its output. */
export function startHubhooks(args, ready, env = {}) {
  const child = spawn(
    process.execPath,
    [...(process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? []), BIN, ...args],
    {
      env: { ...process.env, LOG_LEVEL: "error", NODE_ENV: "production", ...env },
    },
  );
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hubhooks ${args[0]} did not start:\n${output}`)), 60_000);
    const onData = (chunk) => {
      output += chunk.toString();
      const match = output.match(ready);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.off("data", onData);
      resolve({ child, match, output: () => output, stop: (signal = "SIGTERM") => stopProcess(child, signal) });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk) => {
      output += chunk.toString();
    });
    child.once("exit", (code) => reject(new Error(`hubhooks ${args[0]} exited with ${code}:\n${output}`)));
  });
}

function stopProcess(child, signal) {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.kill(signal);
  });
}

/** CPU seconds (user + system) a process has used so far, from /proc. */
export function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Peak resident memory of a process in MiB (VmHWM). */
export function peakRssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = Number(status.match(/VmHWM:\s+(\d+)/)?.[1] ?? 0);
  return kib / 1024;
}
