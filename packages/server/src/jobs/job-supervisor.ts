/**
 * The first process of a job's process group, between the server and the command: a few lines of Node run with
 * `node -e` (no file to find next to the compiled code). It starts the command it is sent over the IPC channel,
 * reports how it ended (or why it could not start), and — the reason it exists — when the channel closes without
 * that (the server was killed with SIGKILL, or crashed), it kills its whole group, so no job outlives its server.
 * The group's SIGTERM (cancel, time limit) is for the command: the supervisor stays to report the command's end,
 * and goes with the SIGKILL that follows if the command does not.
 */
export const SUPERVISOR_SOURCE = `
const { spawn } = require("node:child_process");
const orphaned = () => {
  try { process.kill(-process.pid, "SIGKILL"); } catch {}
  process.exit(137);
};
process.on("disconnect", orphaned);
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(signal, () => {});
const report = (message) => {
  process.off("disconnect", orphaned);
  process.send(message, () => process.exit(0));
};
process.once("message", ({ file, args, env, cwd }) => {
  const child = spawn(file, args, { cwd, env, stdio: ["ignore", "inherit", "inherit"] });
  child.once("error", (error) => report({ error: error.message }));
  child.once("exit", (code, signal) => report({ exit: { code, signal } }));
});
`;

/** What the supervisor reports: the command's end, or why it could not start. */
export type SupervisorReport = { exit: { code: number | null; signal: NodeJS.Signals | null } } | { error: string };
