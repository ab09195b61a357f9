import { describe, expect, it } from "vitest";
import { DIALECTS, useServer } from "../test-support/harness.js";

const hook = (n: number) => ({
  url: `https://example.com/hook-${n}`,
  watched: [{ type: "user", name: "alice" }],
});

describe.each(DIALECTS)("webhooks per account are capped (%s)", (dialect) => {
  const h = useServer(dialect, { delivery: { maxWebhooksPerAccount: 5 } });

  it("refuses the webhook past the cap with 422, also when created at once, and only for that account", async () => {
    const alice = await h.user("alice");
    const bob = await h.user("bob");
    // Eight at once: the count is taken with the owner's row locked, so exactly five get in.
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, n) => h.call(alice.token, "POST", "/api/settings/webhooks", hook(n))),
    );
    expect(answers.map((res) => res.status).sort()).toEqual([200, 200, 200, 200, 200, 422, 422, 422]);
    const refused = answers.find((res) => res.status === 422) as Response;
    expect(await refused.json()).toEqual({
      error: "this account has 5 webhooks, the most this server allows per account (5): delete one first",
    });
    const list = (await (await h.call(alice.token, "GET", "/api/settings/webhooks")).json()) as Array<{ id: string }>;
    expect(list).toHaveLength(5);
    expect((await h.call(bob.token, "POST", "/api/settings/webhooks", hook(0))).status).toBe(200);

    expect((await h.call(alice.token, "DELETE", `/api/settings/webhooks/${list[0]?.id}`)).status).toBe(200);
    expect((await h.call(alice.token, "POST", "/api/settings/webhooks", hook(9))).status).toBe(200);
  });
});
