import { beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, useServer } from "../test-support/harness.js";
import { sandboxKit } from "../test-support/sandbox-kit.js";

const LIMIT = 5;

// Issue 21: anonymous reads had no limit at all (24 concurrent repo infos of a full repo stalled /health).
describe.each(DIALECTS)("sandbox anonymous reads are limited per client address on %s", (dialect) => {
  const h = useServer(dialect, { delivery: { anonymousPerMinute: LIMIT } });
  const kit = sandboxKit(h, undefined as never);
  let alice: { id: string; token: string };
  beforeAll(async () => {
    alice = await h.user("alice");
    await kit.json(h.call(alice.token, "POST", "/api/repos/create", { name: "open" }));
  });

  it("answers the first N requests without a token, then a 429 with Retry-After; a token's requests go on", async () => {
    // All in one fixed one-minute window: start a fresh one when this one is about to end.
    const intoWindow = Date.now() % 60_000;
    if (intoWindow > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoWindow + 50));
    // Each request of the window counts once, whichever sandbox route it reaches.
    const paths = [
      "/api/models/alice/open",
      "/alice/open/resolve/main/.gitattributes",
      "/api/models/alice/open/discussions",
    ];
    for (let i = 0; i < LIMIT; i++) {
      const res = await h.call(undefined, "GET", paths[i % paths.length] ?? "");
      expect(res.status, `request ${i + 1}`).toBe(200);
      expect(res.headers.get("X-RateLimit-Limit")).toBe(String(LIMIT));
    }
    const limited = await h.call(undefined, "GET", "/api/models/alice/open");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await limited.json()).error).toMatch(/requests per minute without a token/);
    expect((await h.call(undefined, "HEAD", "/alice/open/resolve/main/.gitattributes")).status).toBe(429);
    for (let i = 0; i < LIMIT + 2; i++) {
      expect((await h.call(alice.token, "GET", "/api/models/alice/open")).status).toBe(200);
    }
  });
});
