import { formatIssues } from "@hubhooks/schemas";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { z } from "zod";
import { apiError, errorResponse } from "./errors.js";

export const MAX_JSON_BODY_BYTES = 64 * 1024;

/** Caps every API body while it streams in, before anything buffers it whole. */
export function jsonBodyLimit(maxSize = MAX_JSON_BODY_BYTES) {
  return bodyLimit({
    maxSize,
    onError: (c) => errorResponse(c, 413, `Request body is larger than ${maxSize} bytes`),
  });
}

/** Reads, parses and validates a JSON body; every failure is a 4xx with a readable message. */
export async function readJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const text = await c.req.text();
  let value: unknown;
  try {
    value = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw apiError(400, "Malformed JSON in request body");
  }
  return validate(schema, value);
}

/** Validates a value, turning zod issues into one 400 message. */
export function validate<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw apiError(400, formatIssues(result.error));
  return result.data;
}
