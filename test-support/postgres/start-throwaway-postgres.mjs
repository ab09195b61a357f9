import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const program = fileURLToPath(new URL("./throwaway-postgres.mjs", import.meta.url));

/**
 * Starts a throwaway PostgreSQL in a child process (see throwaway-postgres.mjs) and resolves with its admin URL,
 * a `stop` that shuts it down and removes its data, and `pause` / `resume`, which stop the server (data kept) and
 * start it again on the same port. `flags` are extra `-c name=value` server settings;
 * `stageDir` is where, as root, the binaries are copied for the `postgres` user (default: the temp dir).
 * @param {{ password?: string, flags?: string[], stageDir?: string }} [options]
 * @returns {Promise<{ url: string, stop: () => Promise<void>, pause: () => Promise<void>, resume: () => Promise<void> }>}
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
      // Later lines answer pause/resume, in order.
      let answers = stdout.slice(stdout.indexOf("\n") + 1);
      const waiting = [];
      child.stdout.on("data", (more) => {
        answers += more;
        const lines = answers.split("\n");
        answers = lines.pop() ?? "";
        for (const answer of lines) waiting.shift()?.(answer);
      });
      const command = (name) =>
        new Promise((done) => {
          waiting.push(done);
          child.stdin.write(`${name}\n`);
        });
      resolve({
        url,
        pause: () => command("pause"),
        resume: () => command("resume"),
        async stop() {
          child.stdin.end();
          await exited;
        },
      });
    });
    exited.then((code) => reject(new Error(`PostgreSQL did not start (exit ${code}): ${stderr.trim()}`)));
  });
}
