import { createServer, createUser, type HubhooksServer } from "@hubhooks/server";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, type ServeProcess, startServe } from "../../../../test-support/cli.js";
import { createTestDatabase, type TestDatabase } from "../../../../test-support/databases.js";
import { HubApiError } from "../error.js";
import type { CredentialsParams } from "../types/public.js";
import { createWebhook } from "./create-webhook.js";
import { deleteWebhook } from "./delete-webhook.js";
import { disableWebhook } from "./disable-webhook.js";
import { enableWebhook } from "./enable-webhook.js";
import { getWebhook } from "./get-webhook.js";
import { listWebhooks } from "./list-webhooks.js";
import { updateWebhook } from "./update-webhook.js";

interface Target {
  /** Credentials of user "alice" and of user "bob". */
  alice: CredentialsParams;
  bob: CredentialsParams;
}

/** The seed's 13 scenarios and the error cases, against whatever server `setup` provides. */
function scenarios(name: string, setup: () => Promise<Target & { teardown(): Promise<void> }>) {
  describe(name, () => {
    let t: Target & { teardown(): Promise<void> };
    beforeAll(async () => {
      t = await setup();
    });
    afterAll(() => t?.teardown());
    const repo = (n: string) => ({ type: "model" as const, name: `alice/${n}` });

    it("1. lists webhooks", async () => {
      const created = await createWebhook({ ...t.alice, url: "https://example.com/1", watched: [repo("a")] });
      const list = await listWebhooks(t.alice);
      expect(list.map((w) => w.id)).toContain(created.id);
      expect(list.every((w) => w.createdAt instanceof Date)).toBe(true);
    });

    it("2. gets a webhook by id", async () => {
      const created = await createWebhook({ ...t.alice, url: "https://example.com/2", watched: [repo("b")] });
      expect(await getWebhook({ ...t.alice, webhookId: created.id })).toEqual(created);
    });

    it("3. creates a webhook for a single repo", async () => {
      const webhook = await createWebhook({ ...t.alice, url: "https://example.com/3", watched: [repo("c")] });
      expect(webhook).toMatchObject({ url: "https://example.com/3", watched: [repo("c")], disabled: false });
      expect(webhook.id).toMatch(/^[0-9a-f]{24}$/);
      expect(webhook.domains).toEqual(["repo", "discussion"]);
    });

    it("4. creates a webhook for several repos", async () => {
      const watched = [
        repo("d"),
        { type: "dataset" as const, name: "alice/data" },
        { type: "space" as const, name: "alice/app" },
      ];
      expect((await createWebhook({ ...t.alice, url: "https://example.com/4", watched })).watched).toEqual(watched);
    });

    it("5. creates a webhook with a secret", async () => {
      const webhook = await createWebhook({ ...t.alice, url: "https://e.x/5", watched: [repo("e")], secret: "s3" });
      expect(webhook.secret).toBe("s3");
    });

    it("6. creates a webhook with specific domains", async () => {
      const webhook = await createWebhook({
        ...t.alice,
        url: "https://e.x/6",
        watched: [repo("f")],
        domains: ["discussion"],
      });
      expect(webhook.domains).toEqual(["discussion"]);
    });

    it("7. updates the URL, keeping everything else", async () => {
      const created = await createWebhook({ ...t.alice, url: "https://e.x/7", watched: [repo("g")], secret: "k" });
      const updated = await updateWebhook({ ...t.alice, webhookId: created.id, url: "https://e.x/7b" });
      expect(updated).toMatchObject({ url: "https://e.x/7b", watched: created.watched, secret: "k" });
    });

    it("8. updates the watched repos", async () => {
      const created = await createWebhook({ ...t.alice, url: "https://e.x/8", watched: [repo("h")] });
      const watched = [{ type: "user" as const, name: "alice" }];
      expect((await updateWebhook({ ...t.alice, webhookId: created.id, watched })).watched).toEqual(watched);
    });

    it("9. enables a disabled webhook and 10. disables it", async () => {
      const created = await createWebhook({ ...t.alice, url: "https://e.x/9", watched: [repo("i")] });
      expect((await disableWebhook({ ...t.alice, webhookId: created.id })).disabled).toBe(true);
      expect((await getWebhook({ ...t.alice, webhookId: created.id })).disabled).toBe(true);
      expect((await enableWebhook({ ...t.alice, webhookId: created.id })).disabled).toBe(false);
    });

    it("11. deletes a webhook", async () => {
      const created = await createWebhook({ ...t.alice, url: "https://e.x/11", watched: [repo("j")] });
      await expect(deleteWebhook({ ...t.alice, webhookId: created.id })).resolves.toBeUndefined();
      const error = await getWebhook({ ...t.alice, webhookId: created.id }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HubApiError);
      expect((error as HubApiError).statusCode).toBe(404);
    });

    it("12. refuses to create without a token, before any request", async () => {
      let called = false;
      const spy: typeof fetch = async () => {
        called = true;
        return new Response();
      };
      const { accessToken: _, ...noToken } = t.alice;
      const attempt = createWebhook({ ...noToken, fetch: spy, url: "https://e.x/12", watched: [repo("k")] });
      await expect(attempt).rejects.toThrow(TypeError);
      await expect(attempt).rejects.toThrow(/access token is required/);
      await expect(listWebhooks({ ...t.alice, accessToken: "not-a-hub-token" })).rejects.toThrow(
        /must start with "hf_"/,
      );
      expect(called).toBe(false);
    });

    it("13. an invalid URL is a 400 whose server message reaches HubApiError.message", async () => {
      const error = (await createWebhook({ ...t.alice, url: "not a url", watched: [repo("l")] }).catch(
        (e) => e,
      )) as HubApiError;
      expect(error).toBeInstanceOf(HubApiError);
      expect(error.statusCode).toBe(400);
      expect(error.message).toBe("url must be an absolute http(s) URL");
      expect(error.url).toMatch(/\/api\/settings\/webhooks$/);
    });

    it("a wrong token is a 401 HubApiError", async () => {
      const error = (await listWebhooks({ ...t.alice, accessToken: "hf_nottherightone" }).catch(
        (e) => e,
      )) as HubApiError;
      expect(error.statusCode).toBe(401);
      expect(error.message).toBe("Invalid access token");
    });

    it("another user's webhook is a 404 on every call, and stays unchanged", async () => {
      const mine = await createWebhook({ ...t.alice, url: "https://e.x/mine", watched: [repo("m")] });
      const asBob = { ...t.bob, webhookId: mine.id };
      for (const call of [
        () => getWebhook(asBob),
        () => updateWebhook({ ...asBob, url: "https://evil.example" }),
        () => disableWebhook(asBob),
        () => enableWebhook(asBob),
        () => deleteWebhook(asBob),
      ]) {
        const error = (await call().catch((e) => e)) as HubApiError;
        expect(error.statusCode).toBe(404);
      }
      expect(await getWebhook({ ...t.alice, webhookId: mine.id })).toEqual(mine);
      expect((await listWebhooks(t.bob)).map((w) => w.id)).not.toContain(mine.id);
    });
  });
}

scenarios("client against the server in-process (fetch = app.fetch)", async () => {
  const database: TestDatabase = await createTestDatabase("sqlite");
  const server: HubhooksServer = await createServer({ database: database.location, logger: pino({ level: "silent" }) });
  const inProcess: typeof fetch = async (input, init) => server.app.fetch(new Request(input, init));
  const credentials = async (name: string) => ({
    accessToken: (await createUser(server.db, name)).token,
    hubUrl: "http://hubhooks.local",
    fetch: inProcess,
  });
  return {
    alice: await credentials("alice"),
    bob: await credentials("bob"),
    async teardown() {
      await server.close();
      await database.drop();
    },
  };
});

scenarios("client against `hubhooks serve` over a loopback socket, with HF_ENDPOINT", async () => {
  const database: TestDatabase = await createTestDatabase("sqlite");
  const serve: ServeProcess = await startServe(["--database", database.location]);
  const bob = JSON.parse((await runCli(["users", "create", "bob", "--json", "--database", database.location])).stdout);
  const previous = process.env.HF_ENDPOINT;
  process.env.HF_ENDPOINT = serve.url;
  const alice = JSON.parse(
    (await runCli(["users", "create", "alice", "--json", "--database", database.location])).stdout,
  );
  return {
    alice: { accessToken: alice.token },
    bob: { accessToken: bob.token, hubUrl: serve.url },
    async teardown() {
      if (previous === undefined) delete process.env.HF_ENDPOINT;
      else process.env.HF_ENDPOINT = previous;
      await serve.stop();
      await database.drop();
    },
  };
});
