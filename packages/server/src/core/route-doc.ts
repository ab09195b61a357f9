import type { z } from "zod";

/**
 * One route's entry in `/openapi.json`. Each feature folder lists its routes in its `api-docs.ts`, beside the
 * routes, with the zod schemas the routes validate with; `api-docs.ts` at the root gathers them. The path is
 * written exactly as the route is registered with hono (mount prefix included, `:param{regex}` and all), so
 * the OpenAPI test can match every registered route to its entry.
 */
export interface RouteDoc {
  method: "get" | "head" | "post" | "put" | "patch" | "delete";
  path: string;
  summary: string;
  description?: string;
  /** `token`: a bearer token is required; `publisher`: a publisher's; `optional`: anonymous reads allowed. */
  auth: "token" | "publisher" | "optional" | "none";
  /** A JSON body (zod schema, documented as its input), or another content type with its description. */
  body?: z.ZodType | { contentType: string; description: string };
  query?: Record<string, { schema: z.ZodType; description?: string }>;
  /** Path parameters that need more than their route pattern says (a description, a stricter pattern). */
  params?: Record<string, { schema?: z.ZodType; description?: string }>;
  headers?: Record<string, { schema: z.ZodType; description?: string }>;
  /** The success answer: status (200 unless given), and a zod schema of the JSON body or another content type. */
  ok: { status?: number; description: string; schema?: z.ZodType; contentType?: string };
  /** Errors beyond those every route of its kind has (401 with a token, 400 with a body, 413, 429). */
  errors?: Record<number, string>;
}
