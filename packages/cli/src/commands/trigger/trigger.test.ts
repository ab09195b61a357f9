import { spawn } from "node:child_process";
import { WebhookPayloadSchema } from "@hubhooks/schemas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, runCli, type ServeProcess, startServe } from "../../../../../test-support/cli.js";
import { createTestDatabase, type TestDatabase } from "../../../../../test-support/databases.js";
import { TestReceiver } from "../../../../../test-support/receiver.js";
import { buildEvent, parseRepo } from "./build-event.js";

describe("trigger, deliveries and replay end to end", () => {
  let database: TestDatabase;
  let serve: ServeProcess;
  const receiver = new TestReceiver();
  let env: Record<string, string>;
  const cli = (...args: string[]) => runCli(args, env);

  beforeAll(async () => {
    await receiver.start();
    database = await createTestDatabase("sqlite");
    serve = await startServe(["--database", database.location]);
    env = { HF_ENDPOINT: serve.url, HF_TOKEN: serve.adminToken as string };
  });
  afterAll(async () => {
    await serve?.stop();
    await database?.drop();
    await receiver.stop();
  });

  it("delivers a Hub-shaped payload with the secret, logs it, and replays it", async () => {
    const created = await cli(
      "webhooks",
      "create",
      "--watch",
      "user:julien-c",
      "--url",
      `${receiver.url}/hook`,
      "--secret",
      "s3cret",
      "--format",
      "json",
    );
    const webhook = JSON.parse(created.stdout) as { id: string };

    const triggered = await cli("trigger", "repo.content", "--repo", "julien-c/my-model");
    const deliveryId = triggered.stdout.match(/delivery ([0-9a-f]{24})/)?.[1] as string;
    expect(triggered.stdout).toBe(
      `Event ${triggered.stdout.slice(6, 30)}: 1 delivery created\n  → delivery ${deliveryId}  webhook ${webhook.id}  ${receiver.url}/hook\n`,
    );
    await receiver.waitFor(1);
    const [request] = receiver.requests;
    expect(request?.headers["x-webhook-secret"]).toBe("s3cret");
    const payload = WebhookPayloadSchema.parse(request?.json);
    expect(payload).toMatchObject({
      event: { action: "update", scope: "repo.content" },
      // serve runs the Hub sandbox, so payload URLs point back at it (where a bot would call the API).
      repo: { type: "model", name: "julien-c/my-model", url: { web: `${serve.url}/julien-c/my-model` } },
      webhook: { id: webhook.id, version: 3 },
    });
    expect(payload.repo.headSha).toMatch(/^[0-9a-f]{40}$/);
    expect(payload.updatedRefs?.[0]).toMatchObject({ ref: "refs/heads/main", newSha: payload.repo.headSha });

    let page: { deliveries: Array<{ id: string; status: string }>; usage: { count: number } } = {
      deliveries: [],
      usage: { count: 0 },
    };
    for (let i = 0; i < 50 && page.deliveries[0]?.status !== "delivered"; i++) {
      page = JSON.parse((await cli("deliveries", "ls", webhook.id, "--format", "json")).stdout);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(page.deliveries[0]?.status).toBe("delivered");
    expect(page.usage.count).toBe(1);
    const table = (await cli("deliveries", "ls", webhook.id)).stdout;
    expect(table).toMatch(/repo\.content\.update\s+model\/\S*my-model\s+delivered\s+200\s+1/);
    expect(table).toContain("1 / 1000 triggers in the last 24 h");
    const filtered = (...args: string[]) => cli("deliveries", "ls", webhook.id, "-q", ...args);
    expect((await filtered("--scope", "repo.content", "--since", "1h")).stdout).toBe(`${deliveryId}\n`);
    expect((await filtered("--scope", "discussion")).stdout).toBe("");

    // The id trigger printed is the one to paste into deliveries info and replay.
    expect(page.deliveries[0]?.id).toBe(deliveryId);
    const info = JSON.parse((await cli("deliveries", "info", webhook.id, deliveryId, "--json")).stdout);
    expect(info.payload).toEqual(request?.json);
    const shown = (await cli("deliveries", "info", webhook.id, deliveryId)).stdout;
    expect(shown).toMatch(new RegExp(`^${deliveryId}  repo\\.content\\.update  model/julien-c/my-model  delivered\n`));
    expect(shown).toMatch(/^ {6}content-type: application\/json$/im);
    expect(shown).toContain('"scope": "repo.content"');

    const replayed = await cli("replay", webhook.id, deliveryId);
    expect(replayed.stdout).toMatch(
      new RegExp(`^Replayed ${deliveryId} to ${receiver.url}/hook: HTTP 200 in \\d+ ms \\(now delivered\\)`),
    );
    expect(receiver.requests).toHaveLength(2);
    expect(receiver.requests[1]?.json).toEqual(request?.json);

    const discussion = await cli(
      "trigger",
      "discussion",
      "--repo",
      "julien-c/my-model",
      "--discussion",
      "7",
      "--title",
      "Fix",
      "--pr",
    );
    expect(discussion.stdout).toMatch(/1 delivery created/);
    await receiver.waitFor(3);
    expect(receiver.requests[2]?.json).toMatchObject({
      event: { action: "create", scope: "discussion" },
      discussion: { num: 7, title: "Fix", isPullRequest: true, changes: { base: "refs/heads/main" } },
      comment: { hidden: false },
    });
    expect(receiver.requests[2]?.json.repo).not.toHaveProperty("headSha");

    // For scripts: -q prints the delivery ids, --json has them next to the webhooks they belong to.
    const quiet = await cli("trigger", "repo", "--repo", "julien-c/my-model", "-q");
    expect(quiet.stdout).toMatch(/^[0-9a-f]{24}\n$/);
    const json = JSON.parse((await cli("trigger", "repo", "--repo", "julien-c/my-model", "--json")).stdout);
    expect(json).toMatchObject({ webhooks: [webhook.id], deliveryIds: [expect.stringMatching(/^[0-9a-f]{24}$/)] });
  });

  it("says why nothing matched, and --wait prints each first attempt and fails when one fails", async () => {
    const none = await cli("trigger", "repo", "--repo", "nobody-watches/this");
    expect(none.stdout).toMatch(
      /: no delivery created: no enabled webhook watches model nobody-watches\/this or nobody-watches\n$/,
    );
    await cli(
      "webhooks",
      "create",
      "--watch",
      "user:waiter",
      "--url",
      `${receiver.url}/wait`,
      "--domain",
      "discussion",
    );
    const wrongDomain = await cli("trigger", "repo", "--repo", "waiter/x");
    expect(wrongDomain.stdout).toMatch(/not subscribed to the "repo" domain/);
    const secret = await cli("trigger", "discussion", "--repo", "waiter/x", "--private");
    expect(secret.stdout).toMatch(/model waiter\/x is private and no webhook watching it belongs to waiter/);

    await cli("webhooks", "create", "--watch", "user:waiter2", "--url", `${receiver.url}/refuse`);
    const previous = receiver.respond;
    receiver.respond = (request) => (request.path === "/refuse" ? { status: 403, body: "nope" } : previous(request, 0));
    const waited = await cli("trigger", "repo", "--repo", "waiter2/x", "--wait", "10");
    receiver.respond = previous;
    expect(waited.code).toBe(1);
    expect(waited.stdout).toMatch(
      /First attempts:\n {2}✗ delivery [0-9a-f]{24} {2}webhook [0-9a-f]{24} {2}(pending|failed): HTTP 403 in \d+ ms/,
    );
    expect(waited.stdout).not.toContain("HTTP 403 (HTTP 403)");
  });

  it("deliveries tail --follow prints each delivery as it happens", async () => {
    const created = await cli(
      "webhooks",
      "create",
      "--watch",
      "user:tailer",
      "--url",
      `${receiver.url}/tail`,
      "--format",
      "json",
    );
    const { id } = JSON.parse(created.stdout) as { id: string };
    const child = spawn(process.execPath, [BIN, "deliveries", "tail", id, "--follow"], {
      env: { ...process.env, ...env },
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    try {
      for (let i = 0; i < 100 && !output.includes("STATUS"); i++)
        await new Promise((resolve) => setTimeout(resolve, 50));
      await cli("trigger", "repo.content", "--repo", "tailer/model");
      for (let i = 0; i < 100 && !/delivered\s+200/.test(output); i++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(output).toMatch(
        new RegExp(`\\d\\d:\\d\\d:\\d\\d  [0-9a-f]{24}  ${id}  repo\\.content\\.update\\s+delivered\\s+200\\s+\\d+ ms`),
      );
      expect(output).toMatch(/^TIME\s+DELIVERY\s+WEBHOOK\s+EVENT\s+STATUS\s+HTTP\s+DURATION\s+ERROR\n/);
    } finally {
      child.kill();
    }
    const once = await cli("deliveries", "tail", id);
    expect(once.code).toBe(0);
    expect(once.stdout).toMatch(/delivered\s+200/);
  });

  it("recover --since re-sends what failed, once, and says how many", async () => {
    const created = await cli(
      "webhooks",
      "create",
      "--watch",
      "user:recover-me",
      "--url",
      `${receiver.url}/recover`,
      "--format",
      "json",
    );
    const { id } = JSON.parse(created.stdout) as { id: string };
    const previous = receiver.respond;
    receiver.respond = (request, index) => (request.path === "/recover" ? { status: 410 } : previous(request, index));
    await cli("trigger", "repo", "--repo", "recover-me/x", "--wait", "10");
    receiver.respond = previous;
    expect((await cli("webhooks", "enable", id)).code).toBe(0);
    const recovered = await cli("recover", id, "--since", "1h");
    expect(recovered.code).toBe(0);
    expect(recovered.stdout).toMatch(/^Recovery [0-9a-f]{24}: 1 delivery queued again since /m);
    for (let i = 0; i < 100 && receiver.requests.filter((r) => r.path === "/recover").length < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(receiver.requests.filter((r) => r.path === "/recover")).toHaveLength(2);
    const bad = await cli("recover", id, "--since", "yesterday-ish");
    expect(bad.stderr).toMatch(/neither a duration/);
  });

  it("prints the server's refusal for a user who is not a publisher", async () => {
    const user = JSON.parse(
      (await runCli(["users", "create", "plain", "--json", "--database", database.location])).stdout,
    );
    const result = await runCli(["trigger", "repo", "--repo", "a/b"], { HF_ENDPOINT: serve.url, HF_TOKEN: user.token });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: 403: Only publishers may post events/);
  });
});

describe("building emulated events", () => {
  it("parses repo arguments", () => {
    expect(parseRepo("a/b")).toEqual({ type: "model", name: "a/b" });
    expect(parseRepo("datasets/a/b")).toEqual({ type: "dataset", name: "a/b" });
    expect(parseRepo("space/a/b")).toEqual({ type: "space", name: "a/b" });
    expect(() => parseRepo("bucket/a/b")).toThrow(/expected/);
    // Canonical repos have no namespace; a type prefix is never read as one.
    expect(parseRepo("gpt2")).toEqual({ type: "model", name: "gpt2" });
    expect(parseRepo("model/gpt2")).toEqual({ type: "model", name: "gpt2" });
    expect(parseRepo("datasets/squad")).toEqual({ type: "dataset", name: "squad" });
    expect(() => parseRepo("a/b/c/d")).toThrow(/expected/);
  });

  it("builds comment and config events", () => {
    const comment = buildEvent("discussion.comment", { repo: { type: "model", name: "a/b" }, comment: "hello" });
    expect(comment).toMatchObject({
      event: { action: "create", scope: "discussion.comment" },
      comment: { content: "hello" },
    });
    const config = buildEvent("repo.config", { repo: { type: "space", name: "a/b" }, private: true });
    expect(config).toMatchObject({ updatedConfig: { private: true }, repo: { private: true } });
    // Issue 22: a move says where the repo went.
    const moved = buildEvent("repo", { repo: { type: "model", name: "a/b" }, action: "move", movedTo: "c/d" });
    expect(moved).toMatchObject({ event: { action: "move", scope: "repo" }, movedTo: { name: "c/d" } });
    expect(buildEvent("repo", { repo: { type: "model", name: "a/b" }, action: "move" }).movedTo).toEqual({
      name: "a/b-moved",
    });
    expect(buildEvent("repo", { repo: { type: "model", name: "a/b" }, action: "update" })).not.toHaveProperty(
      "movedTo",
    );
  });
});
