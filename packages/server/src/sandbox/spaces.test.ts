import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestReceiver } from "../../../../test-support/receiver.js";
import { DIALECTS, useServer } from "../test-support/harness.js";
import { ndjsonCommit, sandboxKit } from "../test-support/sandbox-kit.js";

const ISO = /^\d{4}-\d\d-\d\dT/;

// Issue 22 item 13: a Space's secrets, variables and runtime, stored with nothing running, as huggingface_hub's
// add_space_secret … restart_space call them.
describe.each(DIALECTS)("sandbox Spaces on %s", (dialect) => {
  const h = useServer(dialect, { worker: true });
  const receiver = new TestReceiver();
  const kit = sandboxKit(h, receiver);
  let alice: { id: string; token: string };
  let bob: { id: string; token: string };
  const api = "/api/spaces/alice/app";
  beforeAll(async () => {
    await receiver.start();
    alice = await h.user("alice");
    bob = await h.user("bob");
    await kit.json(h.call(alice.token, "POST", "/api/repos/create", { name: "app", type: "space", sdk: "gradio" }));
    await kit.webhook(alice.token, "/space", [{ type: "space", name: "alice/app" }]);
  });
  afterAll(() => receiver.stop());

  it("keeps secrets by key and description only, never their values; variables with their values", async () => {
    await kit.json(h.call(alice.token, "POST", `${api}/secrets`, { key: "HF_TOKEN", value: "hf_secret_value" }));
    await kit.json(
      h.call(alice.token, "POST", `${api}/secrets`, { key: "API_KEY", value: "v", description: "the API's key" }),
    );
    const secrets = await h.call(alice.token, "GET", `${api}/secrets`);
    const text = await secrets.text();
    expect(text).not.toContain("hf_secret_value");
    expect(JSON.parse(text)).toEqual({
      API_KEY: { description: "the API's key", updatedAt: expect.stringMatching(ISO) },
      HF_TOKEN: { updatedAt: expect.stringMatching(ISO) },
    });
    const stored = await h.server.db
      .selectFrom("sandbox_space_settings")
      .select("value")
      .where("kind", "=", "secret")
      .execute();
    expect(stored.map((row) => row.value)).toEqual([null, null]);
    await kit.json(h.call(alice.token, "DELETE", `${api}/secrets`, { key: "API_KEY" }));
    expect(Object.keys(await kit.json(h.call(alice.token, "GET", `${api}/secrets`)))).toEqual(["HF_TOKEN"]);

    const added = await kit.json(h.call(alice.token, "POST", `${api}/variables`, { key: "MODEL", value: "gpt2" }));
    expect(added).toEqual({ MODEL: { value: "gpt2", updatedAt: expect.stringMatching(ISO) } });
    await kit.json(h.call(alice.token, "POST", `${api}/variables`, { key: "MODEL", value: "bert", description: "d" }));
    await kit.json(h.call(alice.token, "POST", `${api}/variables`, { key: "N", value: "1" }));
    const left = await kit.json(h.call(alice.token, "DELETE", `${api}/variables`, { key: "N" }));
    expect(left).toEqual({ MODEL: { value: "bert", description: "d", updatedAt: expect.stringMatching(ISO) } });

    // Others see nothing (a 403 for a reader of a public Space, as for any write), bad keys are a 400.
    expect((await h.call(bob.token, "GET", `${api}/variables`)).status).toBe(403);
    expect((await h.call(bob.token, "POST", `${api}/secrets`, { key: "X", value: "y" })).status).toBe(403);
    expect((await h.call(undefined, "GET", `${api}/secrets`)).status).toBe(401);
    expect((await h.call(alice.token, "POST", `${api}/variables`, { key: "1-bad", value: "y" })).status).toBe(400);
    expect((await h.call(alice.token, "GET", "/api/spaces/alice/none/variables")).status).toBe(404);
    expect((await h.call(alice.token, "GET", "/api/models/alice/app/variables")).status).toBe(404);
  });

  it("answers a runtime SpaceRuntime parses; pause, restart, hardware and sleep time are stored", async () => {
    const fresh = await kit.json(h.call(undefined, "GET", `${api}/runtime`));
    expect(fresh).toMatchObject({
      stage: "NO_APP_FILE",
      hardware: { current: null, requested: "cpu-basic" },
      gcTimeout: null,
      storage: null,
    });
    await kit.json(
      h.call(alice.token, "POST", `/api/spaces/alice/app/commit/main`, ndjsonCommit("app", { "app.py": "print(1)" })),
    );
    expect(await kit.json(h.call(alice.token, "GET", `${api}/runtime`))).toMatchObject({
      stage: "RUNNING",
      hardware: { current: "cpu-basic", requested: "cpu-basic" },
    });
    const upgraded = await kit.json(
      h.call(alice.token, "POST", `${api}/hardware`, { flavor: "t4-small", sleepTimeSeconds: 3600 }),
    );
    expect(upgraded).toMatchObject({ stage: "RUNNING", hardware: { current: "t4-small" }, gcTimeout: 3600 });
    expect(await kit.json(h.call(alice.token, "POST", `${api}/sleeptime`, { seconds: 600 }))).toMatchObject({
      gcTimeout: 600,
    });
    expect(await kit.json(h.call(alice.token, "POST", `${api}/pause`))).toMatchObject({
      stage: "PAUSED",
      hardware: { current: null, requested: "t4-small" },
    });
    expect((await kit.json(h.call(bob.token, "GET", `${api}/runtime`))).stage).toBe("PAUSED");
    // space_info carries it too (SpaceInfo.runtime).
    expect((await kit.json(h.call(undefined, "GET", api))).runtime).toMatchObject({ stage: "PAUSED" });
    expect(await kit.json(h.call(alice.token, "POST", `${api}/restart?factory=true`))).toMatchObject({
      stage: "RUNNING",
    });
    expect((await h.call(alice.token, "POST", `${api}/hardware`, { flavor: "quantum" })).status).toBe(400);
    expect((await h.call(bob.token, "POST", `${api}/pause`)).status).toBe(403);
    // The commit above fired repo.content; secrets, variables and runtime changes fire nothing, as on the Hub.
    await kit.payloads("/space", 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(kit.received("/space").map((r) => r.json.event.scope)).toEqual(["repo.content"]);
  });
});
