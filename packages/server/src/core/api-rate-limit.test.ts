import { describe, expect, it } from "vitest";
import { DIALECTS, useServer } from "../test-support/harness.js";

describe.each(DIALECTS)("per-token API rate limit on %s", (dialect) => {
  const h = useServer(dialect, { delivery: { apiRateLimit: { perMinute: 5, publishers: false } } });

  it("answers 429 with Retry-After and X-RateLimit-* past the limit, per token, and leaves publishers alone", async () => {
    const first = await h.user("limited-a");
    const other = await h.user("limited-b");
    const hub = await h.user("limited-hub", { publisher: true });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 7; i++) {
      last = await h.call(first.token, "GET", "/api/settings/webhooks");
      statuses.push(last.status);
      if (i === 0) {
        expect(last.headers.get("x-ratelimit-limit")).toBe("5");
        expect(last.headers.get("x-ratelimit-remaining")).toBe("4");
        expect(Number(last.headers.get("x-ratelimit-reset"))).toBeGreaterThan(0);
      }
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(Number(last?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(last?.headers.get("x-ratelimit-remaining")).toBe("0");
    const body = (await (last as Response).json()) as { error: string };
    expect(body.error).toMatch(/Rate limit of 5 requests per minute/);
    // Another token has its own budget; a publisher posting events is not limited by default.
    expect((await h.call(other.token, "GET", "/api/settings/webhooks")).status).toBe(200);
    for (let i = 0; i < 8; i++) {
      const res = await h.call(hub.token, "POST", "/api/events", {
        event: { action: "update", scope: "repo" },
        repo: { type: "model", name: "limited-hub/x" },
      });
      expect(res.status).toBe(202);
      expect(res.headers.get("x-ratelimit-limit")).toBeNull();
    }
  });
});
