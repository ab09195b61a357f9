import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "../../../../../test-support/api.js";
import { type ServeProcess, startServe } from "../../../../../test-support/cli.js";
import { createTestDatabase, DIALECTS, type TestDatabase } from "../../../../../test-support/databases.js";
import { type ListenProcess, SecretCheckingReceiver, startListen } from "../../../../../test-support/listen.js";

const SECRET = "webhook-secret-1";

async function until<T>(check: () => T | Promise<T>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface Summary {
  id: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
}

describe.each(DIALECTS)("hubhooks listen --webhook: a webhook's deliveries go to the listener (%s)", (dialect) => {
  let database: TestDatabase;
  let serve: ServeProcess;
  let call: ReturnType<typeof createClient>;
  let webhookId: string;
  let listener: ListenProcess | undefined;
  const local = new SecretCheckingReceiver(SECRET);
  const direct = new SecretCheckingReceiver(SECRET);
  const deliveries = async () =>
    ((await call("GET", `/api/settings/webhooks/${webhookId}/deliveries`)) as { deliveries: Summary[] }).deliveries;
  let published = 0;
  const publish = async () => {
    published += 1;
    await call("POST", "/api/events", [
      { event: { action: "update", scope: "repo" }, repo: { type: "model", name: `listened/m-${published}` } },
    ]);
  };

  beforeAll(async () => {
    await local.start();
    await direct.start();
    database = await createTestDatabase(dialect);
    // The receiver is on loopback: on PostgreSQL every process refuses private targets unless told.
    serve = await startServe([
      "--database",
      database.location,
      "--no-sandbox",
      "--allow-private-targets",
      "--retry-schedule",
      "300,300",
    ]);
    call = createClient(serve.url, serve.adminToken as string);
    const created = (await call("POST", "/api/settings/webhooks", {
      url: `${direct.url}/hook`,
      watched: [{ type: "org", name: "listened" }],
      secret: SECRET,
    })) as { webhook: { id: string } };
    webhookId = created.webhook.id;
  });
  afterAll(async () => {
    await listener?.stop("SIGKILL");
    await serve?.stop();
    await local.stop();
    await direct.stop();
    await database?.drop();
  });

  it("streams each delivery to the listener, records its local answer as the attempt, and retries a failure", async () => {
    listener = await startListen(["--webhook", webhookId, "--forward-to", `${local.url}/webhooks/x`], {
      HF_ENDPOINT: serve.url,
      HF_TOKEN: serve.adminToken as string,
    });
    // The worker learns within a second which webhooks have a listener.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await publish();
    await until(async () => (await deliveries())[0]?.status === "delivered", "the delivery through the listener");
    expect(direct.requests).toHaveLength(0);
    const [forwarded] = local.requests;
    expect(forwarded?.header("X-Webhook-Secret")).toBe(SECRET);
    const payload = JSON.parse(forwarded?.body.toString() ?? "{}");
    expect(payload.webhook).toEqual({ id: webhookId, version: 3 });
    expect(payload.repo.name).toBe("listened/m-1");
    const [first] = await deliveries();
    expect(forwarded?.header("X-Webhook-Delivery")).toBe(first?.id);
    const { delivery: detail } = (await call("GET", `/api/settings/webhooks/${webhookId}/deliveries/${first?.id}`)) as {
      delivery: { attemptLog: Array<{ url: string; statusCode: number | null; responseBody: string }> };
    };
    expect(detail.attemptLog).toHaveLength(1);
    expect(detail.attemptLog[0]).toMatchObject({ statusCode: 200, responseBody: "thanks" });
    expect(detail.attemptLog[0]?.url).toMatch(/^hubhooks listen \(relay channel [A-Za-z0-9_-]{32}\)$/);

    // The local receiver fails once: the attempt is a failure in the log, and the retry goes to the listener too.
    local.failNext = 1;
    await publish();
    await until(async () => {
      const [latest] = await deliveries();
      return latest?.status === "delivered" && latest.attempts === 2;
    }, "the retried delivery");
    const [retried] = await deliveries();
    const { delivery: log } = (await call("GET", `/api/settings/webhooks/${webhookId}/deliveries/${retried?.id}`)) as {
      delivery: { attemptLog: Array<{ statusCode: number | null; responseBody: string }> };
    };
    expect(log.attemptLog.map((a) => a.statusCode)).toEqual([500, 200]);
    expect(log.attemptLog[0]?.responseBody).toBe("down for a moment");
    expect(direct.requests).toHaveLength(0);
    expect(listener.stdout()).toMatch(/→ 500/);

    // A replay, as `hubhooks replay` or the Replay button asks for, goes where the webhook's attempts go now.
    const forwardedBefore = local.requests.length;
    const replayed = (await call("POST", `/api/settings/webhooks/${webhookId}/deliveries/${retried?.id}/replay`)) as {
      attempt: { url: string; statusCode: number | null; trigger: string };
    };
    expect(replayed.attempt).toMatchObject({ statusCode: 200, trigger: "replay" });
    expect(replayed.attempt.url).toMatch(/^hubhooks listen \(relay channel /);
    expect(local.requests.length).toBe(forwardedBefore + 1);
    expect(direct.requests).toHaveLength(0);
  });

  it("sends to the webhook's URL again once the listener stops", async () => {
    await listener?.stop();
    listener = undefined;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const before = local.requests.length;
    await publish();
    await until(() => direct.requests.length === 1, "the delivery to the URL");
    expect(local.requests.length).toBe(before);
    expect(direct.requests[0]?.header("X-Webhook-Secret")).toBe(SECRET);
  });
});
