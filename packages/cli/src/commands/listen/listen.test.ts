import { EXAMPLE_DISCUSSION_CREATED, EXAMPLE_REPO_CONTENT_UPDATED } from "@hubhooks/schemas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, type ServeProcess, startServe } from "../../../../../test-support/cli.js";
import { createTestDatabase, DIALECTS, type TestDatabase } from "../../../../../test-support/databases.js";
import {
  type ListenProcess,
  SecretCheckingReceiver,
  sendRaw,
  startListen,
} from "../../../../../test-support/listen.js";

const SECRET = "my-Secret_42";

async function until<T>(check: () => T | Promise<T>, what: string, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A Hub delivery as huggingface.co sends one: its header spelling, the secret, a payload with non-ASCII text. */
function hubDelivery(n: number, secret = SECRET): { headers: string[]; body: Buffer } {
  const payload = n % 2 ? EXAMPLE_DISCUSSION_CREATED : EXAMPLE_REPO_CONTENT_UPDATED;
  const body = Buffer.from(`${JSON.stringify({ ...payload, n, note: "café ✓ 🤗" }, null, 1)}\n`);
  return {
    headers: [
      "Content-Type",
      "application/json",
      "X-Webhook-Secret",
      secret,
      "User-Agent",
      "huggingface.co webhooks",
      "X-Request-Id",
      `req-${n}`,
    ],
    body,
  };
}

describe.each(DIALECTS)("hubhooks listen --forward-to, against hubhooks serve (%s)", (dialect) => {
  let database: TestDatabase;
  let serve: ServeProcess;
  let token: string;
  let malloryToken: string;
  const receiver = new SecretCheckingReceiver(SECRET);
  const listeners: ListenProcess[] = [];
  const cli = (args: string[], as = token) => runCli(args, { HF_ENDPOINT: serve.url, HF_TOKEN: as });
  const listen = async (channelId: string) => {
    const listener = await startListen(["--channel", channelId, "--forward-to", `${receiver.url}/webhooks/x`], {
      HF_ENDPOINT: serve.url,
      HF_TOKEN: token,
    });
    listeners.push(listener);
    return listener;
  };
  const createChannel = async () => {
    const created = await cli(["relay", "create", "--name", "laptop", "--format", "json"]);
    expect(created.code, created.stderr).toBe(0);
    return JSON.parse(created.stdout) as { id: string; url: string };
  };
  const events = async (channelId: string) => {
    const listed = await cli(["relay", "events", channelId, "--limit", "500", "--format", "json"]);
    expect(listed.code, listed.stderr).toBe(0);
    return JSON.parse(listed.stdout) as Array<{
      id: string;
      seq: number;
      acknowledgedAt: string | null;
      answer: { statusCode: number } | null;
    }>;
  };
  const relayIds = () => receiver.requests.map((r) => r.header("X-Hubhooks-Relay-Event") as string);

  beforeAll(async () => {
    await receiver.start();
    database = await createTestDatabase(dialect);
    serve = await startServe(["--database", database.location, "--no-sandbox"]);
    token = serve.adminToken as string;
    const mallory = await runCli(["users", "create", "mallory", "--database", database.location]);
    malloryToken = mallory.stdout.trim();
  });
  afterAll(async () => {
    for (const listener of listeners) await listener.stop("SIGKILL");
    await serve?.stop();
    await receiver.stop();
    await database?.drop();
  });

  it("forwards every event once, headers and body byte-identical, and reports the local answers", async () => {
    const channel = await createChannel();
    expect(channel.url).toBe(`${serve.url}/relay/${channel.id}`);
    const listener = await listen(channel.id);
    const before = receiver.requests.length;
    const sent = Array.from({ length: 6 }, (_, n) => hubDelivery(n, n === 5 ? "another-secret" : SECRET));
    for (const delivery of sent) expect((await sendRaw(channel.url, delivery.headers, delivery.body)).status).toBe(200);
    await until(() => receiver.requests.length >= before + 6, "six forwarded requests");
    await until(async () => (await events(channel.id)).every((e) => e.acknowledgedAt), "six acknowledgements");
    const got = receiver.requests.slice(before);
    expect(got).toHaveLength(6);
    for (const [n, request] of got.entries()) {
      const delivery = sent[n] as { headers: string[]; body: Buffer };
      expect(request.method).toBe("POST");
      expect(request.url).toBe("/webhooks/x");
      expect(request.body.equals(delivery.body)).toBe(true);
      // Every header the sender set arrives with its spelling and value (Content-Length recomputed, the same).
      for (let i = 0; i < delivery.headers.length; i += 2) {
        const at = request.rawHeaders.indexOf(delivery.headers[i] as string);
        expect(at % 2, `${delivery.headers[i]} kept as spelled`).toBe(0);
        expect(request.rawHeaders[at + 1]).toBe(delivery.headers[i + 1]);
      }
      expect(request.header("Content-Length")).toBe(String(delivery.body.length));
    }
    expect(new Set(relayIds().slice(before)).size).toBe(6);
    const listed = (await events(channel.id)).sort((a, b) => a.seq - b.seq);
    expect(listed.map((e) => e.answer?.statusCode)).toEqual([200, 200, 200, 200, 200, 403]);
    await until(
      () =>
        listener
          .stdout()
          .split("\n")
          .filter((line) => line.includes("→")).length === 6,
      "six lines",
    );
    expect(listener.stdout()).toMatch(new RegExp(`${listed[5]?.id}  POST /  → 403  \\d+ ms  wrong secret`));
    const table = await cli(["relay", "events", channel.id]);
    expect(table.stdout).toMatch(/ANSWER/);
    expect(table.stdout).toMatch(/403/);

    // Replay: the same event, with the same relay id, to the listener again.
    const first = listed[0]?.id as string;
    expect((await cli(["relay", "replay", channel.id, first])).code).toBe(0);
    await until(() => relayIds().filter((id) => id === first).length === 2, "the replayed event");
    expect(receiver.requests.at(-1)?.body.equals(sent[0]?.body as Buffer)).toBe(true);
    await listener.stop();
  });

  it("keeps events sent while no listener runs and delivers them in order when one starts", async () => {
    const channel = await createChannel();
    const before = receiver.requests.length;
    for (let n = 0; n < 5; n++) {
      const delivery = hubDelivery(n);
      expect((await sendRaw(channel.url, delivery.headers, delivery.body)).status).toBe(200);
    }
    expect(receiver.requests.length).toBe(before);
    const listener = await listen(channel.id);
    await until(() => receiver.requests.length >= before + 5, "the five waiting events");
    const order = receiver.requests.slice(before).map((r) => JSON.parse(r.body.toString()).n);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    await listener.stop();
  });

  it("after a SIGKILL mid-stream and a restart loses nothing; only unacknowledged events come twice", async () => {
    const channel = await createChannel();
    const before = receiver.requests.length;
    receiver.delayMs = 200;
    for (let n = 0; n < 12; n++) {
      const delivery = hubDelivery(n);
      expect((await sendRaw(channel.url, delivery.headers, delivery.body)).status).toBe(200);
    }
    const first = await listen(channel.id);
    await until(() => receiver.requests.length >= before + 4, "a few forwarded events");
    await first.stop("SIGKILL");
    const acknowledged = new Set((await events(channel.id)).filter((e) => e.acknowledgedAt).map((e) => e.id));
    expect(acknowledged.size).toBeGreaterThan(0);
    expect(acknowledged.size).toBeLessThan(12);
    receiver.delayMs = 0;
    await listen(channel.id);
    await until(async () => (await events(channel.id)).every((e) => e.acknowledgedAt), "every acknowledgement");
    const ids = relayIds().slice(before);
    const all = (await events(channel.id)).map((e) => e.id);
    expect(new Set(ids)).toEqual(new Set(all));
    const duplicates = [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
    for (const id of duplicates) expect(acknowledged.has(id), `${id} was acknowledged, yet came twice`).toBe(false);
    expect(duplicates.length).toBeLessThanOrEqual(1);
  });

  it("--print shows each request's headers and payload instead of forwarding it, and acknowledges it", async () => {
    const channel = await createChannel();
    const before = receiver.requests.length;
    const delivery = hubDelivery(1);
    expect((await sendRaw(channel.url, delivery.headers, delivery.body)).status).toBe(200);
    const printer = await startListen(["--channel", channel.id, "--print"], {
      HF_ENDPOINT: serve.url,
      HF_TOKEN: token,
    });
    listeners.push(printer);
    await until(() => printer.stdout().includes('"note": "café ✓ 🤗"'), "the printed payload");
    expect(printer.stdout()).toMatch(/^X-Webhook-Secret: my-Secret_42$/m);
    expect(printer.stdout()).toContain('"scope": "discussion"');
    const [event] = await until(async () => {
      const listed = await events(channel.id);
      return listed[0]?.acknowledgedAt ? listed : undefined;
    }, "the acknowledgement");
    expect(event?.answer).toMatchObject({ statusCode: null, error: "printed by --print, not forwarded" });
    expect(receiver.requests.length).toBe(before);
    await printer.stop();
  });

  it("refuses another user's token and a missing one: cannot listen, read, replay or delete", async () => {
    const channel = await createChannel();
    const refused = await startListen(["--channel", channel.id, "--print"], {
      HF_ENDPOINT: serve.url,
      HF_TOKEN: malloryToken,
    }).catch((error: Error) => error.message);
    expect(refused).toMatch(/listen exited with 1/);
    expect(refused).toMatch(/404: Relay channel not found/);
    for (const args of [
      ["relay", "events", channel.id],
      ["relay", "info", channel.id],
      ["relay", "rm", channel.id],
    ]) {
      const result = await cli(args, malloryToken);
      expect([args[1], result.code, result.stderr.trim()]).toEqual([args[1], 1, "Error: 404: Relay channel not found"]);
    }
    const anonymous = await fetch(`${serve.url}/api/relay/channels/${channel.id}/listen`);
    expect(anonymous.status).toBe(401);
    expect((await cli(["relay", "ls", "--format", "json"], malloryToken)).stdout.trim()).toBe("[]");
  });

  it("answers a body over the cap with 413 and an unknown channel with 404, as JSON", async () => {
    const channel = await createChannel();
    const big = await fetch(channel.url, { method: "POST", body: Buffer.alloc(1024 * 1024 + 1, 0x20) });
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: "Request body is larger than 1048576 bytes" });
    const unknown = await sendRaw(`${serve.url}/relay/${"x".repeat(32)}`, [], Buffer.from("{}"));
    expect(unknown).toEqual({ status: 404, body: JSON.stringify({ error: "Relay channel not found" }) });
  });
});
