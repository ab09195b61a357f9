import { describe, expect, it } from "vitest";
import { DIALECTS, useServer } from "./test-support/harness.js";

describe.each(DIALECTS)("service routes on %s", (dialect) => {
  const h = useServer(dialect);

  it("reports health and the dialect it really runs on", async () => {
    const res = await h.call(undefined, "GET", "/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: dialect });
  });

  it("serves an OpenAPI document generated from the schemas", async () => {
    const res = await h.call(undefined, "GET", "/openapi.json");
    const doc = (await res.json()) as { openapi: string; paths: object; components: { schemas: Record<string, any> } };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/api/settings/webhooks/{id}/enable");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/relay/channels", "/relay/{channelId}"]));
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/{type}/{namespace}/{name}/tree/{revision}/{path}",
        "/api/{type}/{namespace}/{name}/paths-info/{revision}",
        "/api/{type}/{namespace}/{name}/refs",
        "/api/{type}/{namespace}/{name}/commits/{revision}",
        "/api/{type}/{namespace}/{name}/branch/{branch}",
        "/api/{type}/{namespace}/{name}/tag/{revision}",
        "/api/{type}/{namespace}/{name}/auth-check",
        "/api/{type}",
      ]),
    );
    expect(doc.components.schemas.TreeEntry.required).toEqual(["type", "path", "oid", "size"]);
    expect(doc.components.schemas.RelayAnswer.required).toEqual(["statusCode", "durationMs"]);
    expect(doc.components.schemas.CreateWebhookBody.properties.domains.items.enum).toEqual([
      "repo",
      "discussion",
      "discussions",
    ]);
  });

  it("answers unknown routes with a JSON 404", async () => {
    const res = await h.call(undefined, "GET", "/api/nope");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "No route for GET /api/nope" });
  });
});
