import { formatIssues, MAX_JSON_DEPTH, tooDeepAt } from "@hubhooks/schemas";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { z } from "zod";
import { apiError, errorResponse } from "./errors.js";

export const MAX_JSON_BODY_BYTES = 64 * 1024;
export const MAX_EVENTS_BODY_BYTES = 4 * 1024 * 1024;
/** Sign-in and settings forms are a few hundred bytes; the cap leaves room for many watched rows. */
export const MAX_FORM_BODY_BYTES = 32 * 1024;
/** A sandbox commit carries its small files inline, base64 (each file at most 1 MiB). */
export const MAX_COMMIT_BODY_BYTES = 8 * 1024 * 1024;
/**
 * Sandbox preupload and paths-info: huggingface_hub preuploads 256 files a request, each with its path (up to
 * 1000 characters) and a base64 sample of 512 bytes; paths-info takes up to 1000 paths.
 */
export const MAX_LISTING_BODY_BYTES = 2 * 1024 * 1024;
/** A part of a sandbox LFS upload (an object up to this size is one PUT; a bigger one comes in parts of it). */
export const MAX_LFS_PART_BYTES = 8 * 1024 * 1024;
/** The longest text a discussion route takes (65 536 characters) is six bytes a character as JSON escapes. */
export const MAX_DISCUSSION_BODY_BYTES = 512 * 1024;

/** The body cap of a path: ingest takes batches, the rest of the API small JSON, the UI small forms. */
export function bodyCapOf(path: string): number {
  if (path === "/api/events" || path.startsWith("/api/events/")) return MAX_EVENTS_BODY_BYTES;
  if (/^\/api\/(models|datasets|spaces)\/.+\/commit\/[^/]+$/.test(path)) return MAX_COMMIT_BODY_BYTES;
  if (/^\/api\/(models|datasets|spaces)\/.+\/discussions(\/|$)/.test(path)) return MAX_DISCUSSION_BODY_BYTES;
  if (/^\/api\/(models|datasets|spaces)\/.+\/(preupload|paths-info)\/[^/]+$/.test(path)) return MAX_LISTING_BODY_BYTES;
  if (path.startsWith("/api/lfs-uploads/")) return MAX_LFS_PART_BYTES;
  if (/\.git\/info\/lfs\/objects\/(batch|verify)$/.test(path)) return MAX_LISTING_BODY_BYTES;
  if (path.startsWith("/api/")) return MAX_JSON_BODY_BYTES;
  return MAX_FORM_BODY_BYTES;
}

/** Caps every request body while it streams in, before anything buffers or parses it (413 past the cap). */
export function bodyCap(capOf: (path: string) => number = bodyCapOf): MiddlewareHandler {
  const limits = new Map<number, MiddlewareHandler>();
  return (c, next) => {
    const maxSize = capOf(c.req.path);
    let limit = limits.get(maxSize);
    if (!limit) {
      limit = bodyLimit({
        maxSize,
        onError: (ctx) => errorResponse(ctx, 413, `Request body is larger than ${maxSize} bytes`),
      });
      limits.set(maxSize, limit);
    }
    return limit(c, next);
  };
}

/**
 * Refuses a body with NUL, raw or escaped: PostgreSQL text cannot hold it, so it is a 400 for every store alike
 * instead of a failed insert.
 */
export function assertNoNul(text: string): void {
  if (text.includes("\u0000") || /\\u0000/i.test(text)) {
    throw apiError(400, "Strings must not contain NUL (\\u0000) characters");
  }
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
  assertNoNul(text);
  const deepAt = tooDeepAt(value);
  if (deepAt) throw apiError(400, `${deepAt}: nested deeper than ${MAX_JSON_DEPTH} levels`);
  return validate(schema, value);
}

/** Validates a value, turning zod issues into one 400 message. */
export function validate<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw apiError(400, formatIssues(result.error));
  return result.data;
}
