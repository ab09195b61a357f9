import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestReceiver } from "../../../../test-support/receiver.js";
import { DIALECTS, useServer } from "../test-support/harness.js";
import { ndjsonCommit, sandboxKit } from "../test-support/sandbox-kit.js";

// Issue 22 item 2: gating set by update_repo_settings, shown in repo info, enforced on downloads; a Space's sdk.
describe.each(DIALECTS)("sandbox gated repos and Space sdks on %s", (dialect) => {
  const h = useServer(dialect, { worker: true });
  const receiver = new TestReceiver();
  const kit = sandboxKit(h, receiver);
  let alice: { id: string; token: string };
  let bob: { id: string; token: string };
  const api = "/api/models/alice/gated";
  beforeAll(async () => {
    await receiver.start();
    alice = await h.user("alice");
    bob = await h.user("bob");
    await kit.json(h.call(alice.token, "POST", "/api/repos/create", { name: "gated" }));
    await kit.json(
      h.call(alice.token, "POST", `${api}/commit/main`, ndjsonCommit("files", { "README.md": "# Card", "w.bin": "w" })),
    );
    await kit.webhook(alice.token, "/gated", [{ type: "model", name: "alice/gated" }], ["repo"]);
  });
  afterAll(() => receiver.stop());

  it("update_repo_settings(gated=…) is stored, shown as gated, and fires repo.config with updatedConfig {}", async () => {
    expect((await kit.json(h.call(undefined, "GET", api))).gated).toBe(false);
    await kit.json(h.call(alice.token, "PUT", `${api}/settings`, { gated: "manual" }));
    expect((await kit.json(h.call(undefined, "GET", api))).gated).toBe("manual");
    const [payload] = await kit.payloads("/gated", 1);
    expect(payload?.event).toEqual({ scope: "repo.config", action: "update" });
    expect(payload?.updatedConfig).toEqual({});
  });

  it("gated files answer 401 GatedRepo anonymously, 403 to others, and download for writers; the card stays open", async () => {
    const anonymous = await h.call(undefined, "GET", "/alice/gated/resolve/main/w.bin");
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("X-Error-Code")).toBe("GatedRepo");
    const stranger = await h.server.app.request("/alice/gated/resolve/main/w.bin", {
      method: "HEAD",
      headers: { Authorization: `Bearer ${bob.token}` },
    });
    expect(stranger.status).toBe(403);
    expect(stranger.headers.get("X-Error-Code")).toBe("GatedRepo");
    const writer = await h.server.app.request("/alice/gated/resolve/main/w.bin", {
      headers: { Authorization: `Bearer ${alice.token}` },
    });
    expect(await writer.text()).toBe("w");
    expect(await (await h.call(undefined, "GET", "/alice/gated/resolve/main/README.md")).text()).toBe("# Card");
    // auth_check answers as the downloads do.
    expect((await h.call(undefined, "GET", `${api}/auth-check`)).status).toBe(401);
    const check = await h.call(bob.token, "GET", `${api}/auth-check`);
    expect(check.status).toBe(403);
    expect(check.headers.get("X-Error-Code")).toBe("GatedRepo");
    expect(await kit.json(h.call(alice.token, "GET", `${api}/auth-check`))).toEqual({});
    await kit.json(h.call(alice.token, "PUT", `${api}/settings`, { gated: false }));
    expect(await kit.json(h.call(bob.token, "GET", `${api}/auth-check`))).toEqual({});
    expect((await h.call(undefined, "GET", "/alice/gated/resolve/main/w.bin")).status).toBe(200);
    expect((await kit.json(h.call(undefined, "GET", api))).gated).toBe(false);
  });

  it("a Space's info shows the sdk it was created with (docker when none was given)", async () => {
    await kit.json(h.call(alice.token, "POST", "/api/repos/create", { name: "app", type: "space", sdk: "gradio" }));
    expect((await kit.json(h.call(undefined, "GET", "/api/spaces/alice/app"))).sdk).toBe("gradio");
    await kit.json(h.call(alice.token, "POST", "/api/repos/create", { name: "box", type: "space" }));
    expect((await kit.json(h.call(undefined, "GET", "/api/spaces/alice/box"))).sdk).toBe("docker");
    const bad = await h.call(alice.token, "POST", "/api/repos/create", { name: "x", type: "space", sdk: "<b>" });
    expect(bad.status).toBe(400);
  });
});
