import { EventArraySchema, EventInputSchema } from "@hubhooks/schemas";
import { Hono } from "hono";
import { z } from "zod";
import { requireAccount } from "../accounts/require-account.js";
import type { AppEnv, ServerDeps } from "../core/deps.js";
import { apiError } from "../core/errors.js";
import { readJsonBody, validate } from "../core/json-body.js";
import { recordAndNotify } from "./ingest.js";

/** `POST /api/events`: a publisher reports what happened on the hub; matching deliveries are queued. */
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
    const body = await readJsonBody(c, z.unknown());
    const inputs = Array.isArray(body) ? validate(EventArraySchema, body) : [validate(EventInputSchema, body)];
    const results = await recordAndNotify(deps, inputs, c.var.account.id);
    return c.json(Array.isArray(body) ? { events: results } : results[0], 202);
  });
  return app;
}
