import { EventArraySchema, EventInputSchema } from "@hubhooks/schemas";
import { z } from "zod";
import type { RouteDoc } from "../core/route-doc.js";

const recorded = z.object({
  eventId: z.string(),
  deliveries: z.number().int(),
  rateLimited: z.number().int(),
  webhooks: z.array(z.string()),
  reason: z.string().optional().describe("Why no webhook matched, when none did"),
});

/** Event ingest (events/routes.ts). */
export const eventDocs: RouteDoc[] = [
  {
    method: "post",
    path: "/api/events",
    auth: "publisher",
    summary: "Report what happened on the Hub: one event or a batch of up to 1000; matching deliveries are queued",
    description:
      "The event and its deliveries are committed before the 202. A retry with the same Idempotency-Key (24 h) or the same event ids records nothing and gets the first answer.",
    headers: {
      "Idempotency-Key": { schema: z.string().regex(/^[\x21-\x7e]{1,255}$/), description: "one per request" },
    },
    body: z.union([EventInputSchema, EventArraySchema]),
    ok: { status: 202, description: "Recorded", schema: z.union([recorded, z.object({ events: z.array(recorded) })]) },
    errors: { 403: "Not a publisher", 422: "The Idempotency-Key or an event id was used for another request or event" },
  },
];
