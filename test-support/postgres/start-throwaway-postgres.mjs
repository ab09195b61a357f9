import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const program = fileURLToPath(new URL("./throwaway-postgres.mjs", import.meta.url));

/**
 * Starts a throwaway PostgreSQL in a child process (see throwaway-postgres.mjs) and resolves with its admin URL
 * and a `stop` that shuts it down and removes its data. `flags` are extra `-c name=value` server settings;
 * `stageDir` is where, as root, the binaries are copied for the `postgres` user (default: the temp dir).
 * @param {{ password?: string, flags?: string[], stageDir?: string }} [options]
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export function startThrowawayPostgres(options = {}) {
  const child = spawn(process.execPath, [program, JSON.stringify(options)], { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
    process.stderr.write(chunk);
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return new Promise((resolve, reject) => {
    let stdout = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const line = stdout.split("\n", 2);
      if (line.length < 2) return;
      child.stdout.removeAllListeners("data");
      const { url } = JSON.parse(line[0]);
      resolve({
        url,
        async stop() {
          child.stdin.end();
          await exited;
        },
      });
    });
    exited.then((code) => reject(new Error(`PostgreSQL did not start (exit ${code}): ${stderr.trim()}`)));
  });
}
