import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Hono } from "hono";

const require = createRequire(import.meta.url);

// The reference renderer is Swagger UI's prebuilt bundle from the swagger-ui-dist package: served from
// node_modules by this process, nothing loaded from a CDN. Read on first request, then kept (about 2 MB).
const ASSETS: Record<string, string> = {
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "swagger-ui.css": "text/css; charset=utf-8",
};
const loaded = new Map<string, Buffer>();
function asset(name: string): Buffer {
  let content = loaded.get(name);
  if (!content) {
    content = readFileSync(require.resolve(`swagger-ui-dist/${name}`));
    loaded.set(name, content);
  }
  return content;
}

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>hubhooks API reference</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
<div id="reference"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>`;
// A file, not an inline script: the page's CSP allows scripts from this server only. From 150 rows (tags plus
// operations) Swagger UI keeps only the operations near the viewport in the DOM, adding the others as the page scrolls.
const INIT = `window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#reference", deepLinking: true });`;
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

/** `/docs`: a browsable reference of /openapi.json. */
export function docsRoutes() {
  const app = new Hono();
  app.get("/", (c) => {
    c.header("Content-Security-Policy", CSP);
    return c.html(PAGE);
  });
  app.get("/init.js", (c) => c.body(INIT, 200, { "Content-Type": "text/javascript; charset=utf-8" }));
  for (const [name, type] of Object.entries(ASSETS)) {
    app.get(`/${name}`, (c) =>
      c.body(new Uint8Array(asset(name)), 200, { "Content-Type": type, "Cache-Control": "public, max-age=3600" }),
    );
  }
  return app;
}
