import { describe, expect, it } from "vitest";
import { DIALECTS, useServer } from "../test-support/harness.js";
import { uiSignIn } from "../test-support/ui-session.js";

describe.each(DIALECTS)("the Relay page (%s)", (dialect) => {
  const h = useServer(dialect);
  const request = (path: string, init?: RequestInit) => h.server.app.request(path, init);

  it("lists the user's channels with their recent events and the local answers, and no one else's", async () => {
    const alice = await h.user("alice");
    const bob = await h.user("bob");
    const channel = async (token: string, name: string) =>
      ((await (await h.call(token, "POST", "/api/relay/channels", { name })).json()) as { channel: { id: string } })
        .channel.id;
    const mine = await channel(alice.token, "laptop");
    const theirs = await channel(bob.token, "bobs");
    const post = async (id: string) =>
      ((await (await request(`/relay/${id}`, { method: "POST", body: "{}" })).json()) as { id: string }).id;
    const answered = await post(mine);
    const waiting = await post(mine);
    await post(theirs);
    await h.call(alice.token, "POST", `/api/relay/channels/${mine}/events/${answered}/ack`, {
      statusCode: 418,
      durationMs: 7,
      body: "I am a teapot",
    });

    expect((await request("/settings/relay")).headers.get("location")).toBe("/signin");
    const { cookie } = await uiSignIn(request, alice.token);
    const page = await request("/settings/relay", { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`http://localhost/relay/${mine}`);
    expect(html).toContain("laptop");
    expect(html).toMatch(new RegExp(`data-key="${answered}"[\\s\\S]*?HTTP 418[\\s\\S]*?7 ms[\\s\\S]*?I am a teapot`));
    expect(html).toMatch(new RegExp(`data-key="${waiting}"[\\s\\S]*?waiting for a listener`));
    expect(html).toContain("no listener");
    expect(html).not.toContain(theirs);
    expect(html).not.toContain("bobs");
  });
});
