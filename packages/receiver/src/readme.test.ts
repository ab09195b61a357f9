import { EXAMPLE_DISCUSSION_CREATED, EXAMPLE_REPO_CONTENT_UPDATED } from "@hubhooks/schemas";
import { afterEach, describe, expect, it } from "vitest";
import { freePort, type RunningExample, runExample, typescriptBlocks } from "../../../test-support/readme-examples.js";

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
const dataset = {
  ...EXAMPLE_REPO_CONTENT_UPDATED,
  event: { action: "update", scope: "repo.content" },
  repo: { ...EXAMPLE_REPO_CONTENT_UPDATED.repo, type: "dataset", name: "me/data" },
};

/** Every TypeScript block of the receiver README, run as written, then called over HTTP like a Hub would. */
describe("packages/receiver/README.md examples run as written", async () => {
  const blocks = await typescriptBlocks("packages/receiver/README.md");
  let running: RunningExample | undefined;
  afterEach(() => running?.stop());

  const start = async (index: number, env: Record<string, string> = {}) => {
    const port = await freePort();
    running = await runExample("packages/receiver", `block-${index}`, blocks[index] as string, {
      PORT: String(port),
      ...env,
    });
    return `http://127.0.0.1:${port}`;
  };

  it("has the five examples this test knows", () => {
    expect(blocks).toHaveLength(5);
  });

  it("1. webhookEndpoint starts by itself and answers the README's curl", async () => {
    const url = await start(0, { WEBHOOK_SECRET: "" });
    await running?.waitFor(/POST http:\/\/127\.0\.0\.1:\d+\/webhooks\/trigger_training/);
    const res = await post(`${url}/webhooks/trigger_training`, dataset);
    expect(await res.json()).toEqual({ ok: true });
    await running?.waitFor(/dataset me\/data changed/);
  });

  it("2. two endpoints share one server", async () => {
    const url = await start(1, { WEBHOOK_SECRET: "" });
    await running?.waitFor(/trigger_evaluation/);
    expect((await post(`${url}/webhooks/trigger_training`, dataset)).status).toBe(200);
    expect((await post(`${url}/webhooks/trigger_evaluation`, EXAMPLE_REPO_CONTENT_UPDATED)).status).toBe(200);
  });

  it("3. a custom server with its landing page, secret and app.launch()", async () => {
    const url = await start(2);
    await running?.waitFor(/listening on http/);
    expect(await (await fetch(url)).text()).toContain("<h1>My bot</h1>");
    const hello = await post(`${url}/webhooks/say_hello`, EXAMPLE_REPO_CONTENT_UPDATED, {
      "x-webhook-secret": "my_secret_key",
    });
    expect(await hello.json()).toEqual({ message: "hello" });
    expect((await post(`${url}/webhooks/goodbye`, EXAMPLE_REPO_CONTENT_UPDATED)).status).toBe(401);
  });

  it("4. on(scope) handlers", async () => {
    const url = await start(3, { WEBHOOK_SECRET: "" });
    await running?.waitFor(/webhooks\/events/);
    const comment = {
      ...EXAMPLE_DISCUSSION_CREATED,
      event: { action: "create", scope: "discussion.comment" },
      comment: { ...EXAMPLE_DISCUSSION_CREATED.comment, content: "hi @my-bot" },
    };
    expect((await post(`${url}/webhooks/events`, comment, { "x-webhook-delivery": "d-42" })).status).toBe(200);
    await running?.waitFor(/mentioned in https:\/\/\S+ d-42/);
  });

  it("5. inside node:http and hono", async () => {
    const honoPort = await freePort();
    const url = await start(4, { WEBHOOK_SECRET: "s", HONO_PORT: String(honoPort) });
    const honoUrl = `http://127.0.0.1:${honoPort}`;
    for (let i = 0; i < 100; i++) {
      const up = await fetch(honoUrl).then(
        () => true,
        () => false,
      );
      if (up) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const viaNode = await post(`${url}/webhooks/hub`, EXAMPLE_REPO_CONTENT_UPDATED, { "x-webhook-secret": "s" });
    expect(await viaNode.json()).toEqual({ scope: "repo.content" });
    const viaHono = await post(`${honoUrl}/webhooks/hub`, EXAMPLE_REPO_CONTENT_UPDATED, { "x-webhook-secret": "s" });
    expect(await viaHono.json()).toEqual({ scope: "repo.content" });
    expect(await (await fetch(honoUrl)).text()).toBe("my app");
  });
});
