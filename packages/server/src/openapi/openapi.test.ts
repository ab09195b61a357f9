import { Validator } from "@seriousme/openapi-schema-validator";
import { inspectRoutes } from "hono/dev";
import { describe, expect, it } from "vitest";
import { DIALECTS, useServer } from "../test-support/harness.js";
import { toOpenApiPath } from "./hono-path.js";

/**
 * Routes that are web pages for people, not API: the only ones /openapi.json may leave out. Keep it short; an
 * API route is documented in its feature's api-docs.ts.
 */
const WEB_PAGES = [
  /^\/$/, // redirects to the settings pages
  /^\/(signin|signout)$/, // the web UI's sign-in form and sign-out
  /^\/settings\//, // the web UI's pages and forms
  /^\/?\*$/, // the web UI's HTML 404 for any other path
  /^\/docs(\/|$)/, // the API reference page and its assets
  /^(\/datasets|\/spaces)?(\/:namespace)?\/:name\/discussions/, // the sandbox's discussion pages
  /^(\/datasets|\/spaces)?(\/:namespace)?\/:name$/, // a sandbox repo's page
];

type Operations = Record<string, Record<string, unknown>>;

describe.each(DIALECTS)("/openapi.json on %s", (dialect) => {
  const h = useServer(dialect);
  const documentOf = async () =>
    (await (await h.call(undefined, "GET", "/openapi.json")).json()) as { paths: Operations };
  const apiRoutes = () =>
    inspectRoutes(h.server.app).filter(
      (route) => !route.isMiddleware && !WEB_PAGES.some((page) => page.test(route.path)),
    );

  it("documents every API route the app registers", async () => {
    const { paths } = await documentOf();
    const missing = apiRoutes()
      .filter((route) => {
        const item = paths[toOpenApiPath(route.path).path];
        // A route for every method (the relay's public URL) is documented with the methods it takes.
        return route.method === "ALL" ? !item : !item?.[route.method.toLowerCase()];
      })
      .map((route) => `${route.method} ${route.path}`);
    expect(missing, "add these to the feature's api-docs.ts").toEqual([]);
    expect(apiRoutes().length).toBeGreaterThan(60);
  });

  it("documents no route the app does not have", async () => {
    const { paths } = await documentOf();
    const registered = new Set(apiRoutes().map((route) => `${route.method} ${toOpenApiPath(route.path).path}`));
    const stale = Object.entries(paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((method) => !registered.has(`${method.toUpperCase()} ${path}`) && !registered.has(`ALL ${path}`))
        .map((method) => `${method} ${path}`),
    );
    expect(stale).toEqual([]);
  });

  it("writes every path in OpenAPI's template form, each parameter named once as {name}", async () => {
    const { paths } = await documentOf();
    // A hono pattern left in a path (`:name{[^/]+\\.git}`) is valid JSON and passes the schema, but Swagger UI
    // stops rendering at it: every operation after it went missing from /docs.
    const malformed = Object.keys(paths).filter(
      (path) => !path.split("/").every((segment) => /^(\{\w+\}|[\w.~-]*)$/.test(segment)),
    );
    expect(malformed).toEqual([]);
  });

  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(await documentOf());
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("takes bodies, errors and auth from the routes' schemas", async () => {
    const { paths } = (await documentOf()) as { paths: Record<string, Record<string, any>> };
    const create = paths["/api/settings/webhooks"]?.post;
    expect(create.requestBody.content["application/json"].schema.properties.domains.items.enum).toEqual([
      "repo",
      "discussion",
      "discussions",
    ]);
    expect(create.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(["200", "400", "401", "413", "422", "429"]));
    expect(create.responses["401"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/Error" });
    const ack = paths["/api/relay/channels/{id}/events/{eventId}/ack"]?.post;
    expect(ack.requestBody.content["application/json"].schema.required).toEqual(["statusCode", "durationMs"]);
    const comment = paths["/api/{types}/{namespace}/{name}/discussions/{num}/comment"]?.post;
    expect(comment.parameters[0].schema.enum).toEqual(["models", "datasets", "spaces"]);
    expect(comment.requestBody.content["application/json"].schema.required).toEqual(["comment"]);
    expect(paths["/relay/{channelId}"]?.post.security).toEqual([]);
    expect(paths["/api/{types}/{namespace}/{name}"]?.get.security).toEqual([{}, { bearer: [] }]);
  });

  it("serves a browsable reference at /docs from this server only", async () => {
    const page = await h.call(undefined, "GET", "/docs");
    expect(page.status).toBe(200);
    const html = await page.text();
    const csp = page.headers.get("Content-Security-Policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] as string);
    expect(sources.length).toBeGreaterThanOrEqual(3);
    for (const source of sources) {
      expect(source.startsWith("/docs/"), source).toBe(true);
      const asset = await h.call(undefined, "GET", source);
      expect(asset.status, source).toBe(200);
      expect((await asset.arrayBuffer()).byteLength, source).toBeGreaterThan(50);
    }
    expect(await (await h.call(undefined, "GET", "/docs/init.js")).text()).toContain('"/openapi.json"');
  });
});
