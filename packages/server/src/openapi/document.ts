import { ApiErrorSchema, WebhookPayloadSchema } from "@hubhooks/schemas";
import { z } from "zod";
import type { RouteDoc } from "../core/route-doc.js";
import { json, ref, schema } from "./helpers.js";
import { toOpenApiPath } from "./hono-path.js";

/** The routes of one part of the API, shown together (a tag) in the reference at /docs. */
export interface RouteGroup {
  tag: string;
  description: string;
  routes: RouteDoc[];
}

// Object ids (webhooks, deliveries, recovery jobs) are 24 lowercase hex; a route may say otherwise in `params`.
const OBJECT_ID_PARAMS = new Set(["id", "webhookId", "deliveryId", "jobId"]);
const OBJECT_ID = { type: "string", pattern: "^[0-9a-f]{24}$" };

const error = (description: string) => ({
  description,
  headers: { "X-Error-Message": { description: "The error message (printable ASCII)", schema: { type: "string" } } },
  content: json(ref("Error")),
});

/** The errors every route of its kind can answer, besides those its doc names. */
function commonErrors(route: RouteDoc): Record<string, string> {
  const errors: Record<string, string> = { 400: "Invalid request: the message says what is wrong" };
  if (route.auth === "token" || route.auth === "publisher") errors[401] = "Missing or invalid access token";
  if (route.auth === "optional") errors[401] = "Invalid access token (a request without one may read public repos)";
  if (route.body) errors[413] = "Request body over the route's size cap";
  if (route.auth !== "none") errors[429] = "API rate limit reached (see Retry-After and X-RateLimit-* headers)";
  return errors;
}

const SECURITY = {
  token: [{ bearer: [] }],
  publisher: [{ bearer: [] }],
  optional: [{}, { bearer: [] }],
  none: [],
};

function operation(route: RouteDoc, tag: string) {
  const { params } = toOpenApiPath(route.path);
  const parameters = [
    ...params.map((param) => {
      const given = route.params?.[param.name];
      let paramSchema: object = { type: "string" };
      if (given?.schema) paramSchema = schema(given.schema, "input");
      else if (param.enum) paramSchema = { type: "string", enum: param.enum };
      else if (param.pattern) paramSchema = { type: "string", pattern: param.pattern };
      else if (OBJECT_ID_PARAMS.has(param.name)) paramSchema = OBJECT_ID;
      const description = given?.description ?? (param.anyDepth ? "May contain slashes" : undefined);
      return { name: param.name, in: "path", required: true, schema: paramSchema, ...(description && { description }) };
    }),
    ...Object.entries(route.query ?? {}).map(([name, { schema: querySchema, description }]) => ({
      name,
      in: "query",
      schema: schema(querySchema, "input"),
      ...(description && { description }),
    })),
    ...Object.entries(route.headers ?? {}).map(([name, { schema: headerSchema, description }]) => ({
      name,
      in: "header",
      schema: schema(headerSchema, "input"),
      ...(description && { description }),
    })),
  ];
  const { body, ok } = route;
  const requestBody =
    body === undefined
      ? undefined
      : body instanceof z.ZodType
        ? { required: true, content: json(schema(body, "input")) }
        : { required: true, description: body.description, content: { [body.contentType]: { schema: {} } } };
  const errors: Record<string, string> = { ...commonErrors(route), ...route.errors };
  return {
    tags: [tag],
    summary: route.summary,
    ...(route.description && { description: route.description }),
    security: SECURITY[route.auth],
    ...(parameters.length > 0 && { parameters }),
    ...(requestBody && { requestBody }),
    responses: {
      [String(ok.status ?? 200)]: {
        description: ok.description,
        ...(ok.schema && {
          content: { [ok.contentType ?? "application/json"]: { schema: schema(ok.schema, "output") } },
        }),
      },
      ...Object.fromEntries(Object.entries(errors).map(([status, description]) => [status, error(description)])),
    },
  };
}

/** The OpenAPI 3.1 document of every route in `groups`, its bodies generated from the routes' zod schemas. */
export function openApiDocument(version: string, groups: RouteGroup[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { tag, routes } of groups) {
    for (const route of routes) {
      const { path } = toOpenApiPath(route.path);
      paths[path] ??= {};
      const item = paths[path];
      if (item[route.method]) throw new Error(`${route.method.toUpperCase()} ${route.path} is documented twice`);
      item[route.method] = operation(route, tag);
    }
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "hubhooks",
      version,
      description:
        'Hugging Face Hub compatible webhooks service: the Hub\'s /api/settings/webhooks API, event ingest, the activity log, the relay and the Hub sandbox. Errors are JSON {"error": …} with the message also in X-Error-Message.',
    },
    tags: groups.map(({ tag, description }) => ({ name: tag, description })),
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An access token, hf_…" } },
      schemas: { Error: schema(ApiErrorSchema, "output"), WebhookPayload: schema(WebhookPayloadSchema, "output") },
    },
    paths,
    webhooks: {
      delivery: {
        post: {
          summary: "What each webhook receives: the Hub's v3 payload",
          description:
            "Headers: X-Webhook-Secret (when set), X-Webhook-Delivery (the same on every retry and replay), X-Webhook-Attempt, and webhook-id / webhook-timestamp / webhook-signature when signing is on.",
          requestBody: { required: true, content: json(ref("WebhookPayload")) },
          responses: { "200": { description: "Any 2xx is success; anything else is retried" } },
        },
      },
    },
  };
}
