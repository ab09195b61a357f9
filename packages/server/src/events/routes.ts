import { EventArraySchema, EventInputSchema } from "@hubhooks/schemas";
import { Hono } from "hono";
import { z } from "zod";
import { requireAccount } from "../accounts/require-account.js";
import type { AppEnv, ServerDeps } from "../core/deps.js";
import { apiError } from "../core/errors.js";
import { readJsonBody, validate } from "../core/json-body.js";
import { IDEMPOTENCY_KEY, pruneIdempotency } from "./idempotency.js";
import { withEvents } from "./ingest.js";
import { IdempotencyConflict, recordOnce } from "./record-once.js";

/**
 * `POST /api/events`: a publisher reports what happened on the hub; matching deliveries are queued. An
 * `Idempotency-Key` header, or an `id` on each event, makes a retry of the same request a no-op with the same answer.
 */
export function eventRoutes(deps: ServerDeps) {
  const { db, apiLimiter } = deps;
  const app = new Hono<AppEnv>();
  app.post("/", requireAccount(db, apiLimiter), async (c) => {
    if (!c.var.account.publisher) {
      throw apiError(
        403,
        "Only publishers may post events: create one with `hubhooks users create <name> --publisher`",
      );
    }
    const idempotencyKey = c.req.header("Idempotency-Key");
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw apiError(400, "Idempotency-Key must be 1 to 255 visible ASCII characters");
    }
    const body = await readJsonBody(c, z.unknown());
    const inputs = Array.isArray(body) ? validate(EventArraySchema, body) : [validate(EventInputSchema, body)];
    const answer = await withEvents(deps, (tx) =>
      recordOnce(tx, deps.dialect, c.var.account.id, { body, inputs, idempotencyKey }),
    ).catch((error: unknown) => {
      if (error instanceof IdempotencyConflict) throw apiError(422, error.message);
      throw error;
    });
    pruneIdempotency(db, Date.now()).catch((error: unknown) =>
      deps.logger.warn({ err: error }, "could not prune expired idempotency keys"),
    );
    return c.json(answer.body as object, answer.status as 202);
  });
  return app;
}
