import { describe, expect, it } from "vitest";
import { DIALECTS, useServer } from "./test-support/harness.js";

describe.each(DIALECTS)("service routes on %s", (dialect) => {
  const h = useServer(dialect);

  it("reports health and the dialect it really runs on", async () => {
    const res = await h.call(undefined, "GET", "/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: dialect });
  });

  it("answers unknown routes with a JSON 404", async () => {
    const res = await h.call(undefined, "GET", "/api/nope");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "No route for GET /api/nope" });
  });
});
