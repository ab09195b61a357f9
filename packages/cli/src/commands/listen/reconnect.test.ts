import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, type ServeProcess, startServe } from "../../../../../test-support/cli.js";
import { createTestDatabase, type TestDatabase } from "../../../../../test-support/databases.js";
import { freePort } from "../../../../../test-support/free-port.js";
import {
  type ListenProcess,
  SecretCheckingReceiver,
  sendRaw,
  startListen,
} from "../../../../../test-support/listen.js";

const TOKEN = `hf_${"Reconnect".repeat(4)}`;

describe("hubhooks listen across a restart of the server", () => {
  let database: TestDatabase;
  let port: number;
  let listener: ListenProcess | undefined;
  const receiver = new SecretCheckingReceiver("s");
  const serve = () =>
    startServe(["--database", database.location, "--port", String(port)], { HUBHOOKS_ADMIN_TOKEN: TOKEN });
  beforeAll(async () => {
    await receiver.start();
    database = await createTestDatabase("sqlite");
    port = await freePort();
  });
  afterAll(async () => {
    await listener?.stop("SIGKILL");
    await receiver.stop();
    await database?.drop();
  });

  it("a server stopped with a listener connected stops at once; the listener reconnects and goes on", async () => {
    let server: ServeProcess = await serve();
    const hub = { HF_ENDPOINT: server.url, HF_TOKEN: TOKEN };
    const created = await runCli(["relay", "create", "--format", "json"], hub);
    const channel = JSON.parse(created.stdout) as { id: string; url: string };
    listener = await startListen(["--channel", channel.id, "--forward-to", `${receiver.url}/in`], hub);
    const stopping = Date.now();
    expect(await server.stop()).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(5_000);
    const current = listener;
    const deadline = Date.now() + 10_000;
    while (!/reconnecting in/.test(current.stderr()) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(current.stderr()).toMatch(/Connection lost .*; reconnecting in/);
    server = await serve();
    try {
      const sent = await sendRaw(channel.url, ["X-Webhook-Secret", "s"], Buffer.from('{"after":"restart"}'));
      expect(sent.status).toBe(200);
      const until = Date.now() + 20_000;
      while (receiver.requests.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      expect(receiver.requests[0]?.body.toString()).toBe('{"after":"restart"}');
    } finally {
      await server.stop();
    }
    // Its own waits add up past the default 30 s: a listener that lost the server backs off 0.5, 1, 2, 4, 8 s, so
    // on a loaded machine, where the server takes seconds to start again, the event may wait for the next try.
  }, 120_000); // two server starts and a listener in a 4-8 s backoff: timed out at 60 s in a fresh-clone run
});
