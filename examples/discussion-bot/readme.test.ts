import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, type ServeProcess, startServe } from "../../test-support/cli.js";
import { createTestDatabase, type TestDatabase } from "../../test-support/databases.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * The README's steps 2 to 6, as written, in bash from the clone's root (so `npx hubhooks` and `npm start -w` work).
 * Only the fixed ports become the test's free ones, and the `sleep` before reading the reply becomes a poll.
 */
describe("examples/discussion-bot/README.md, run as written", () => {
  let database: TestDatabase;
  let serve: ServeProcess;
  let home: string;
  let bot: ChildProcess | undefined;
  let blocks: string[];

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    serve = await startServe(["--database", database.location]);
    home = await mkdtemp(join(tmpdir(), "bot-readme-"));
    const readme = await readFile(new URL("./README.md", import.meta.url), "utf8");
    blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1] as string);
  }, 60_000);
  afterAll(async () => {
    if (bot?.pid) process.kill(-bot.pid, "SIGTERM");
    await serve?.stop();
    await database?.drop();
    await rm(home, { recursive: true, force: true });
  });

  const local = (text: string, botBase = "http://127.0.0.1:7860") =>
    text
      .replaceAll("http://127.0.0.1:7861", serve.url)
      .replaceAll("http://127.0.0.1:7860", botBase)
      .replaceAll("<admin token>", serve.adminToken as string);
  const bash = async (script: string, env: Record<string, string> = {}) =>
    (
      await promisify(execFile)("bash", ["-euo", "pipefail", "-c", script], {
        cwd: ROOT,
        env: {
          ...process.env,
          HUBHOOKS_DATABASE_URL: database.location,
          HF_HOME: join(home, "hf"),
          HUBHOOKS_CONFIG_DIR: join(home, "config"),
          ...env,
        },
        timeout: 120_000,
      })
    ).stdout;

  it("steps 2 to 6 get the bot's reply, and step 2 runs again on the same database", async () => {
    expect(blocks).toHaveLength(4);
    const [, setup = "", start = "", talk = ""] = blocks;
    const tokenOf = (stdout: string) => /^BOT_TOKEN=(hf_\w+)$/m.exec(stdout)?.[1] as string;
    const first = tokenOf(await bash(`${local(setup)}\necho "BOT_TOKEN=$BOT_TOKEN"`));
    const again = tokenOf(await bash(`${local(setup)}\necho "BOT_TOKEN=$BOT_TOKEN"`));
    expect(first).toMatch(/^hf_/);
    expect(again).toMatch(/^hf_/);

    // Step 3 in its own process group (npm → tsx → node), on a free port.
    const line = local(start.split("\n").find((l) => l.includes("npm start")) ?? "").replace("<bot token>", again);
    bot = spawn("bash", ["-c", line], { cwd: ROOT, env: { ...process.env, PORT: "0" }, detached: true });
    let output = "";
    bot.stdout?.on("data", (chunk) => {
      output += chunk;
    });
    bot.stderr?.on("data", (chunk) => {
      output += chunk;
    });
    await expect.poll(() => output, { timeout: 60_000 }).toMatch(/POST http:\/\/\S+\/webhooks\/discussion_bot/);
    const botBase = new URL(/POST (http:\/\/\S+)\/webhooks/.exec(output)?.[1] as string).origin;

    const script = local(talk, botBase)
      .split("\n")
      .filter((l) => !l.startsWith("sleep") && !l.includes("discussions show"))
      .join("\n");
    const env = { HF_ENDPOINT: serve.url, HF_TOKEN: serve.adminToken as string, BOT_TOKEN: again };
    const said = await bash(`${script}\necho "NUM=$NUM"`, env);
    expect(said).toMatch(/1 delivery created/);
    const num = /^NUM=(\d+)$/m.exec(said)?.[1] as string;
    await expect
      .poll(async () => (await runCli(["discussions", "show", "admin/bot-demo", num], env)).stdout, {
        timeout: 30_000,
      })
      .toMatch(/helper-bot · .*\n {2}.*You asked: "what is a webhook\?"/);
  }, 300_000);
});
