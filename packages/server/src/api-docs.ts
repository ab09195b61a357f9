import { z } from "zod";
import type { RouteDoc } from "./core/route-doc.js";
import { activityDocs } from "./delivery/api-docs.js";
import { eventDocs } from "./events/api-docs.js";
import { jobDocs } from "./jobs/api-docs.js";
import type { RouteGroup } from "./openapi/document.js";
import { relayDocs } from "./relay/api-docs.js";
import { sandboxDocs } from "./sandbox/api-docs.js";
import { webhookDocs } from "./webhooks/api-docs.js";

/** The routes app.ts registers itself. */
const serviceDocs: RouteDoc[] = [
  {
    method: "get",
    path: "/health",
    auth: "none",
    summary: "The process is up (liveness), and which database it uses",
    ok: {
      description: "Up",
      schema: z.object({ status: z.literal("ok"), version: z.string(), database: z.enum(["sqlite", "postgres"]) }),
    },
  },
  {
    method: "get",
    path: "/ready",
    auth: "none",
    summary: "Whether this process can work now (readiness, for a load balancer)",
    description:
      "The database answers within 3 s, its schema is at the last migration this release knows, and this process's " +
      "delivery worker (if it runs one) is claiming. 503 with the reason otherwise.",
    ok: {
      description: "Ready",
      schema: z.object({
        status: z.literal("ready"),
        version: z.string(),
        database: z.string(),
        migrations: z.string(),
        worker: z.enum(["none", "claiming", "stopped", "failing"]),
      }),
    },
    errors: { 503: "Not ready: the database is unreachable, its schema is not at head, or the worker cannot claim" },
  },
  {
    method: "get",
    path: "/metrics",
    auth: "none",
    summary: "Prometheus metrics (open on a loopback listener; else a Bearer --metrics-token or a --metrics-port)",
    ok: { description: "Prometheus text exposition format", contentType: "text/plain; version=0.0.4" },
    errors: { 403: "Metrics are not served to this listener without the metrics token" },
  },
  {
    method: "get",
    path: "/openapi.json",
    auth: "none",
    summary: "This document (browse it at /docs)",
    ok: { description: "The OpenAPI 3.1 document", schema: z.looseObject({ openapi: z.string() }) },
  },
];

/**
 * Every API route's documentation, by feature: the one list `/openapi.json` is built from. A new route goes in
 * its feature's `api-docs.ts` (a new feature adds its list here); openapi.test.ts fails on any route of the app
 * that has no entry.
 */
export const API_DOCS: RouteGroup[] = [
  { tag: "service", description: "Health, readiness, metrics and this document", routes: serviceDocs },
  { tag: "webhooks", description: "The Hub's webhook management API", routes: webhookDocs },
  { tag: "activity", description: "Deliveries, replay and bulk recovery", routes: activityDocs },
  { tag: "events", description: "Event ingest (publishers)", routes: eventDocs },
  { tag: "relay", description: "Relay channels and hubhooks listen", routes: relayDocs },
  { tag: "sandbox", description: "The Hub sandbox: repos, files, discussions", routes: sandboxDocs },
  { tag: "jobs", description: "Jobs and scheduled jobs, and the webhooks that start them", routes: jobDocs },
];
