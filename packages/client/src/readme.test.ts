import { createServer, createUser, type HubhooksServer } from "@hubhooks/server";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test-support/databases.js";
import { runExample, typescriptBlocks } from "../../../test-support/readme-examples.js";
import { HubApiError, HubConnectionError } from "./error.js";
import { listWebhooks } from "./lib/list-webhooks.js";

describe("the SDK's READMEs run as written against a hubhooks server", () => {
  let database: TestDatabase;
  let server: HubhooksServer;
  let env: { HF_ENDPOINT: string; HF_TOKEN: string };
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    server = await createServer({ database: database.location, logger: pino({ level: "silent" }) });
    const url = await server.listen({ port: 0 });
    const { token } = await createUser(server.db, "readme");
    env = { HF_ENDPOINT: url, HF_TOKEN: token };
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it.each([
    ["packages/client/README.md", "packages/client"],
    ["README.md", "packages/client"],
  ])(
    "every ts block of %s",
    async (readme, packageDir) => {
      const blocks = await typescriptBlocks(readme);
      expect(blocks.length).toBeGreaterThan(0);
      for (const [index, block] of blocks.entries()) {
        const before = (await listWebhooks({ accessToken: env.HF_TOKEN, hubUrl: env.HF_ENDPOINT })).length;
        const example = await runExample(packageDir, `${readme.replace(/\W/g, "-")}-${index}`, block, env);
        const code = await example.exited;
        await example.stop();
        expect(code, example.output()).toBe(0);
        expect(example.output()).toContain("https://example.com/webhook");
        const after = await listWebhooks({ accessToken: env.HF_TOKEN, hubUrl: env.HF_ENDPOINT });
        expect(after.length).toBeGreaterThanOrEqual(before);
      }
    },
    60_000,
  );

  it("throws a HubConnectionError naming the URL and the reason when nothing answers", async () => {
    const error = await listWebhooks({ accessToken: "hf_x", hubUrl: "http://127.0.0.1:59999" }).catch((e) => e);
    expect(error).toBeInstanceOf(HubConnectionError);
    expect(error).toBeInstanceOf(HubApiError);
    expect(error.message).toBe(
      "could not reach http://127.0.0.1:59999/api/settings/webhooks: connection refused (ECONNREFUSED)",
    );
    expect(error.cause).toBeInstanceOf(Error);
    const dns = await listWebhooks({ accessToken: "hf_x", hubUrl: "http://no-such-host.invalid" }).catch((e) => e);
    expect(dns.reason).toMatch(/DNS/);
  });
});
