import {
  ApiErrorSchema,
  CreateWebhookBodySchema,
  UpdateWebhookBodySchema,
  WebhookInfoSchema,
  WebhookPayloadSchema,
} from "@hubhooks/schemas";
import { json, ref, schema } from "./helpers.js";
import { relayPaths, relaySchemas } from "./relay-paths.js";
import { sandboxPaths, sandboxSchemas } from "./sandbox-paths.js";

const errors = Object.fromEntries(
  [
    ["400", "Invalid request"],
    ["401", "Missing or invalid access token"],
    ["404", "Unknown webhook, or another user's"],
  ].map(([code, description]) => [code, { description, content: json(ref("Error")) }]),
);
const webhookResponse = {
  description: "The webhook",
  content: json({ type: "object", properties: { webhook: ref("WebhookInfo") }, required: ["webhook"] }),
};
const idParam = [{ name: "id", in: "path", required: true, schema: { type: "string", pattern: "^[0-9a-f]{24}$" } }];

/** The OpenAPI 3.1 document, generated from the zod schemas the routes validate with. */
export function openApiDocument(version: string) {
  return {
    openapi: "3.1.0",
    info: { title: "hubhooks", version, description: "Hugging Face Hub compatible webhooks service" },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
        WebhookInfo: schema(WebhookInfoSchema, "output"),
        CreateWebhookBody: schema(CreateWebhookBodySchema, "input"),
        UpdateWebhookBody: schema(UpdateWebhookBodySchema, "input"),
        WebhookPayload: schema(WebhookPayloadSchema, "output"),
        Error: schema(ApiErrorSchema, "output"),
        ...relaySchemas(),
        ...sandboxSchemas(),
      },
    },
    security: [{ bearer: [] }],
    paths: {
      "/api/settings/webhooks": {
        get: {
          summary: "List your webhooks",
          responses: {
            "200": { description: "Your webhooks", content: json({ type: "array", items: ref("WebhookInfo") }) },
            ...errors,
          },
        },
        post: {
          summary: "Create a webhook",
          requestBody: { required: true, content: json(ref("CreateWebhookBody")) },
          responses: { "200": webhookResponse, ...errors },
        },
      },
      "/api/settings/webhooks/{id}": {
        parameters: idParam,
        get: { summary: "Get a webhook", responses: { "200": webhookResponse, ...errors } },
        post: {
          summary: "Update a webhook (also PATCH)",
          requestBody: { required: true, content: json(ref("UpdateWebhookBody")) },
          responses: { "200": webhookResponse, ...errors },
        },
        patch: {
          summary: "Update a webhook",
          requestBody: { required: true, content: json(ref("UpdateWebhookBody")) },
          responses: { "200": webhookResponse, ...errors },
        },
        delete: {
          summary: "Delete a webhook",
          responses: { "200": { description: "Deleted", content: json({ type: "object" }) }, ...errors },
        },
      },
      "/api/settings/webhooks/{id}/enable": {
        parameters: idParam,
        post: { summary: "Enable a webhook", responses: { "200": webhookResponse, ...errors } },
      },
      "/api/settings/webhooks/{id}/disable": {
        parameters: idParam,
        post: { summary: "Disable a webhook", responses: { "200": webhookResponse, ...errors } },
      },
      ...relayPaths(),
      ...sandboxPaths(),
    },
  };
}
