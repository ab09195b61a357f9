// A real hubhooks process for the model test, built from the compiled server exactly as `hubhooks serve` and
// `hubhooks worker` build theirs, but taking every delivery setting (the CLI has no flag for the overload
// back-off, the jitter or the concurrency, and the model needs them short and exact). Killed with SIGKILL by the
// test; SIGTERM closes it cleanly.
//
//   MODEL_ROLE=serve|api|worker  MODEL_DATABASE=<file or postgres URL>  MODEL_DELIVERY=<JSON DeliveryConfig part>
//
// Prints `listening on <url>` (serve, api) or `delivering` (worker); on an empty database it first creates the
// users "model" (owner) and "model-hub" (publisher) and prints `tokens {"owner":…,"publisher":…}`.
import pino from "pino";
import { countUsers, createServer, createUser } from "../../../dist/index.js";

const role = process.env.MODEL_ROLE ?? "serve";
const database = process.env.MODEL_DATABASE;
if (!database) throw new Error("MODEL_DATABASE is required");
const delivery = JSON.parse(process.env.MODEL_DELIVERY ?? "{}");
const server = await createServer({
  database,
  delivery,
  logger: pino({ level: process.env.LOG_LEVEL ?? "warn" }),
});
if (role !== "worker" && (await countUsers(server.db)) === 0) {
  const owner = await createUser(server.db, "model");
  const publisher = await createUser(server.db, "model-hub", { publisher: true });
  process.stdout.write(`tokens ${JSON.stringify({ owner: owner.token, publisher: publisher.token })}\n`);
}
if (role !== "worker") {
  const url = await server.listen({ port: 0 });
  process.stdout.write(`listening on ${url}\n`);
}
if (role !== "api") {
  server.worker.start();
  process.stdout.write(`delivering (pid ${process.pid})\n`);
}
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
