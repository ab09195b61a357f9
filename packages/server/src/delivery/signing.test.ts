import { WebhooksServer } from "@hubhooks/receiver";
import { EXAMPLE_REPO_CONTENT_UPDATED } from "@hubhooks/schemas";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestReceiver } from "../../../../test-support/receiver.js";
import { signatureHeaders } from "../core/signing.js";
import { DIALECTS, useServer, waitUntil } from "../test-support/harness.js";

const HOOKS = "/api/settings/webhooks";
const silent = { info: () => {}, warn: () => {}, error: () => {} };

describe.each(DIALECTS)("Standard Webhooks signatures on %s", (dialect) => {
  const h = useServer(dialect, {
    worker: true,
    delivery: { retrySchedule: [], rateLimit: { limit: 1000, windowMs: 86_400_000 } },
  });
  const receiver = new TestReceiver();
  let owner: string;
  let hub: string;
  beforeAll(async () => {
    await receiver.start();
    owner = (await h.user("signer")).token;
    hub = (await h.user("signing-hub", { publisher: true })).token;
  });
  afterAll(() => receiver.stop());

  const publish = (repo: string) =>
    h.call(hub, "POST", "/api/events", {
      event: { action: "update", scope: "repo" },
      repo: { type: "model", name: repo },
    });
  const headersOf = (request: { headers: Record<string, string | string[] | undefined> }) =>
    Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));

  it("signs with whsec_ secrets that the standardwebhooks package verifies; rotation signs with both for 24 h", async () => {
    const created = await h.call(owner, "POST", HOOKS, {
      url: `${receiver.url}/signed`,
      watched: [{ type: "user", name: "signer" }],
    });
    const { webhook } = (await created.json()) as { webhook: { id: string; signingSecret?: string } };
    expect(webhook.signingSecret).toBeUndefined();

    const turnedOn = await h.call(owner, "POST", `${HOOKS}/${webhook.id}/signing-secret`);
    const first = ((await turnedOn.json()) as { webhook: { signingSecret: string } }).webhook.signingSecret;
    expect(first).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    await publish("signer/one");
    const [one] = await waitUntil(
      () =>
        receiver.requests.filter((r) => r.path === "/signed").length === 1 &&
        receiver.requests.filter((r) => r.path === "/signed"),
    );
    const headers = headersOf(one as never);
    expect(headers["webhook-id"]).toBe(headers["x-webhook-delivery"]);
    expect(headers["x-webhook-attempt"]).toBe("1");
    expect(new Webhook(first).verify(one?.body as string, headers)).toEqual(JSON.parse(one?.body as string));

    const rotated = await h.call(owner, "POST", `${HOOKS}/${webhook.id}/signing-secret`);
    const second = ((await rotated.json()) as { webhook: { signingSecret: string } }).webhook.signingSecret;
    expect(second).not.toBe(first);
    await publish("signer/two");
    const two = await waitUntil(() => receiver.requests.filter((r) => r.path === "/signed")[1]);
    const rotatedHeaders = headersOf(two);
    expect(rotatedHeaders["webhook-signature"]?.split(" ")).toHaveLength(2);
    // A receiver still on the old secret and one already on the new both accept it.
    expect(() => new Webhook(first).verify(two.body, rotatedHeaders)).not.toThrow();
    expect(() => new Webhook(second).verify(two.body, rotatedHeaders)).not.toThrow();
    expect(() =>
      new Webhook(`whsec_${Buffer.from("another key of 24 bytes!").toString("base64")}`).verify(
        two.body,
        rotatedHeaders,
      ),
    ).toThrow();

    const off = await h.call(owner, "DELETE", `${HOOKS}/${webhook.id}/signing-secret`);
    expect(((await off.json()) as { webhook: object }).webhook).not.toHaveProperty("signingSecret");
    await publish("signer/three");
    const three = await waitUntil(() => receiver.requests.filter((r) => r.path === "/signed")[2]);
    expect(three.headers["webhook-signature"]).toBeUndefined();
  });

  it("@hubhooks/receiver verifies them before parsing: valid accepted; tampered, stale, unsigned refused", async () => {
    const secret = `whsec_${Buffer.from("0123456789abcdef01234567").toString("base64")}`;
    const app = new WebhooksServer({ signingSecret: secret, logger: silent });
    app.addWebhook("hook", (payload) => ({ scope: payload.event.scope }));
    const body = JSON.stringify(EXAMPLE_REPO_CONTENT_UPDATED);
    const post = (headers: Record<string, string>, text = body) =>
      app.fetch(new Request("http://localhost/webhooks/hook", { method: "POST", headers, body: text }));
    const signed = signatureHeaders([secret], "msg_1", body);
    expect(new Webhook(secret).verify(body, signed)).toBeTruthy();
    expect((await post(signed)).status).toBe(200);
    expect((await post(signed, body.replace("repo.content", "repo.contend"))).status).toBe(403);
    expect((await post(signatureHeaders([secret], "msg_1", body, Date.now() - 6 * 60_000))).status).toBe(403);
    expect((await post({})).status).toBe(401);
    // Signed by the Standard Webhooks library itself: we verify what others sign, too.
    const theirs = new Webhook(secret).sign("msg_2", new Date(), body);
    const res = await post({
      "webhook-id": "msg_2",
      "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
      "webhook-signature": theirs,
    });
    expect(res.status).toBe(200);
    // Broken JSON with a bad signature: refused on the signature, the body is never parsed.
    expect((await post({ ...signed, "webhook-signature": "v1,AAAA" }, "{")).status).toBe(403);
  });
});
