// The peer of the bench: the minimal delivery service a TypeScript team would build on graphile-worker, written
// from the library's docs. `node graphile-service.mjs worker <database-url>` runs the worker with the docs'
// performance preset (https://worker.graphile.org/docs/performance); `node graphile-service.mjs ingest
// <database-url>` serves `POST /events` on hono (a JSON array of Hub events, each with the receiver URL it goes to)
// and adds one job per event with a single `addJobs` call. Each prints `ready …` on stdout once it can work.
import { serve } from "@hono/node-server";
import { Logger, makeWorkerUtils, run } from "graphile-worker";
import { Hono } from "hono";
import { Agent, request } from "undici";

const [mode, connectionString] = process.argv.slice(2);
// Errors only: the bench reads stdout for `ready`.
const logger = new Logger(() => (level, message) => {
  if (level === "error") process.stderr.write(`${message}\n`);
});

if (mode === "worker") {
  const dispatcher = new Agent({ connections: 64 });
  const runner = await run({
    logger,
    preset: {
      worker: {
        connectionString,
        // The docs' performance preset.
        concurrentJobs: 24,
        maxPoolSize: 25,
        localQueue: { size: 500 },
        completeJobBatchDelay: 0,
        failJobBatchDelay: 0,
      },
    },
    taskList: {
      // A delivery: the payload POSTed as JSON; anything but a 2xx throws, so graphile-worker retries it.
      async deliver({ url, body }) {
        const res = await request(url, {
          method: "POST",
          body: JSON.stringify(body),
          headers: { "content-type": "application/json" },
          dispatcher,
        });
        await res.body.dump();
        if (res.statusCode < 200 || res.statusCode >= 300) throw new Error(`receiver answered ${res.statusCode}`);
      },
    },
  });
  process.stdout.write("ready\n");
  process.once("SIGTERM", async () => {
    await runner.stop();
    await dispatcher.close();
    process.exit(0);
  });
} else if (mode === "ingest") {
  const utils = await makeWorkerUtils({ connectionString, logger });
  await utils.migrate();
  const app = new Hono();
  app.post("/events", async (c) => {
    const events = await c.req.json();
    if (!Array.isArray(events)) return c.json({ error: "expected an array of events" }, 400);
    await utils.addJobs(events.map(({ url, ...body }) => ({ identifier: "deliver", payload: { url, body } })));
    return c.json({ accepted: events.length }, 202);
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) =>
    process.stdout.write(`ready http://127.0.0.1:${info.port}\n`),
  );
  process.once("SIGTERM", async () => {
    server.close();
    await utils.release();
    process.exit(0);
  });
} else {
  process.stderr.write("usage: graphile-service.mjs worker|ingest <database-url>\n");
  process.exit(2);
}
