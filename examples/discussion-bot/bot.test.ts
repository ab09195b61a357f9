import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import {
  commentDiscussion,
  createDiscussion,
  createRepo,
  createWebhook,
  getDelivery,
  getDiscussion,
  listDeliveries,
  whoAmI,
} from "@hubhooks/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, type ServeProcess, startServe } from "../../test-support/cli.js";
import { createTestDatabase, type TestDatabase } from "../../test-support/databases.js";

const BOT = fileURLToPath(new URL("./bot.ts", import.meta.url));
const TSX = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));
const SECRET = "bot-secret";

interface BotProcess {
  url: string;
  output(): string;
  stop(): void;
}

/** Runs the example as a user would (`tsx bot.ts`), on a free port, and waits for its endpoint line. */
function startBot(env: Record<string, string>): Promise<BotProcess> {
  const child: ChildProcessWithoutNullStreams = spawn(TSX, [BOT], {
    env: { ...process.env, PORT: "0", WEBHOOK_SECRET: SECRET, ...env },
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bot did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/POST (http:\/\/\S+\/webhooks\/discussion_bot)/);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve({ url: match[1], output: () => output, stop: () => child.kill() });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`bot exited with ${code}:\n${output}`)));
  });
}

async function newUser(name: string, database: TestDatabase): Promise<string> {
  const created = await runCli(["users", "create", name, "--json", "--database", database.location]);
  return (JSON.parse(created.stdout) as { token: string }).token;
}

describe("examples/discussion-bot against hubhooks serve (the Hub sandbox)", () => {
  let database: TestDatabase;
  let serve: ServeProcess;
  const bots: BotProcess[] = [];
  let human: { accessToken: string; hubUrl: string };

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    serve = await startServe(["--database", database.location, "--loop-guard", "5"]);
    human = { accessToken: serve.adminToken as string, hubUrl: serve.url };
  }, 60_000);
  afterAll(async () => {
    for (const bot of bots) bot.stop();
    await serve?.stop();
    await database?.drop();
  });

  /** A bot account, its process, and its webhook on one repo of the human's. */
  async function botWatching(name: string, repo: string, env: Record<string, string> = {}) {
    const token = await newUser(name, database);
    const bot = await startBot({ HF_TOKEN: token, HF_ENDPOINT: serve.url, ...env });
    bots.push(bot);
    const webhook = await createWebhook({
      accessToken: token,
      hubUrl: serve.url,
      url: bot.url,
      watched: [{ type: "model", name: repo }],
      domains: ["discussion"],
      secret: SECRET,
    });
    return { token, bot, webhook };
  }

  it("answers a mention exactly once and ignores the event of its own reply", async () => {
    await createRepo({ ...human, repo: "admin/demo" });
    const { token, bot, webhook } = await botWatching("helper-bot", "admin/demo");
    const discussion = await createDiscussion({ ...human, repo: "admin/demo", title: "Question for the bot" });
    await commentDiscussion({ ...human, repo: "admin/demo", num: discussion.num, comment: "@helper-bot what is 2+2?" });

    // Three events reach the bot: the discussion's creation, the human's comment, and its own reply.
    const mine = { accessToken: token, hubUrl: serve.url, webhookId: webhook.id };
    const delivered = async () =>
      (await listDeliveries(mine)).deliveries.filter(
        (d) => d.status === "delivered" && d.scope === "discussion.comment",
      );
    await expect.poll(async () => (await delivered()).length, { timeout: 20_000 }).toBe(2);
    const answers = await Promise.all(
      (await delivered()).map(async (d) => {
        const detail = await getDelivery({ ...mine, deliveryId: d.id });
        const payload = detail.payload as { comment: { author: { id: string } } };
        return { author: payload.comment.author.id, answer: detail.attemptLog.at(-1)?.responseBody };
      }),
    );
    const botId = (await whoAmI({ accessToken: token, hubUrl: serve.url })).id;
    expect(answers.find((a) => a.author === botId)?.answer).toBe('{"skipped":"my own comment"}');
    expect(answers.find((a) => a.author !== botId)?.answer).toBe('{"replied":true}');
    const thread = await getDiscussion({ ...human, repo: "admin/demo", num: discussion.num });
    const comments = thread.events.filter((event) => event.type === "comment");
    expect(comments.map((c) => c.author)).toEqual(["admin", "admin", "helper-bot"]);
    expect(comments[2]).toMatchObject({ content: expect.stringContaining('You asked: "what is 2+2?"') });
    expect(bot.output().match(/replied in/g)).toHaveLength(1);
  }, 60_000);

  it("a broken bot that replies to everything, itself included, is stopped by the loop guard", async () => {
    await createRepo({ ...human, repo: "admin/echo" });
    const { token, bot, webhook } = await botWatching("echo-bot", "admin/echo", { REPLY_TO_EVERYTHING: "1" });
    const discussion = await createDiscussion({ ...human, repo: "admin/echo", title: "Anyone there?" });
    await commentDiscussion({ ...human, repo: "admin/echo", num: discussion.num, comment: "hello" });

    const activity = () => listDeliveries({ accessToken: token, hubUrl: serve.url, webhookId: webhook.id });
    await expect.poll(async () => (await activity()).loopGuard, { timeout: 20_000 }).toBeDefined();
    const { loopGuard, deliveries } = await activity();
    // --loop-guard 5: the fifth change within 10 s of a delivery about the repo holds the webhook's next delivery.
    // The trip counts what followed deliveries in its minute: 5, or 6 when two changes met at the limit.
    expect(loopGuard?.changes).toBeGreaterThanOrEqual(5);
    expect(loopGuard?.message).toMatch(/^Loop guard: this webhook's deliveries were followed by \d+ changes/);
    expect(deliveries.some((d) => d.status === "pending" && /^held by the loop guard/.test(d.lastError ?? ""))).toBe(
      true,
    );
    const botComments = async () =>
      (await getDiscussion({ ...human, repo: "admin/echo", num: discussion.num })).events.filter(
        (event) => event.type === "comment" && event.author === "echo-bot",
      ).length;
    // The cycle is broken: the bot gets nothing more to answer, and none of its comments was refused.
    const stopped = await botComments();
    expect(stopped).toBeGreaterThan(0);
    // A looping bot makes a change per delivery; unguarded it would go on for as long as the test waits.
    expect(stopped).toBeLessThanOrEqual(6);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await botComments()).toBe(stopped);
    expect(bot.output()).not.toMatch(/429/);
    // Nobody is refused: the human's changes go through as ever.
    await commentDiscussion({ ...human, repo: "admin/echo", num: discussion.num, comment: "still here" });
  }, 60_000);
});
