import {
  type Context,
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { createMiddleware } from "hono/factory";
import { matchedRoutes } from "hono/route";
import { VERSION } from "./version.js";

let provider: BasicTracerProvider | undefined;

/** Whether this process exports traces: only when the operator named an OTLP endpoint. */
export const tracingOn = (): boolean => provider !== undefined;

/**
 * Starts exporting traces (OTLP over HTTP, JSON) when the standard `OTEL_EXPORTER_OTLP_ENDPOINT` (or
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set; the exporter reads the other standard variables (headers,
 * timeout). Once per process, whatever the number of servers in it; off, every helper below costs a branch.
 */
export function startTracingFromEnv(): boolean {
  if (provider) return true;
  if (!process.env.OTEL_EXPORTER_OTLP_ENDPOINT && !process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return false;
  provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      "service.name": process.env.OTEL_SERVICE_NAME ?? "hubhooks",
      "service.version": VERSION,
    }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  return true;
}

/** Sends what is buffered (on shutdown, and in tests). */
export async function flushTracing(): Promise<void> {
  await provider?.forceFlush();
}

const tracer = () => trace.getTracer("hubhooks", VERSION);

/** Runs `work` in a span (a child of the active one); off, just runs it. */
export async function inSpan<T>(
  name: string,
  attributes: Record<string, string | number>,
  work: (span: Span | undefined) => Promise<T>,
): Promise<T> {
  if (!provider) return work(undefined);
  return tracer().startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The W3C `traceparent` of the active span, stored with what it caused (a delivery) to continue its trace. */
export function currentTraceparent(): string | null {
  if (!provider) return null;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ?? null;
}

/** A span that continues the trace of `traceparent` (a delivery's ingest), ended by the caller. */
export function startContinuedSpan(
  name: string,
  traceparent: string | null,
  attributes: Record<string, string | number>,
): { span: Span; traceparent: string | null } | undefined {
  if (!provider) return undefined;
  const parent: Context = traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
  const span = tracer().startSpan(name, { kind: SpanKind.CLIENT, attributes }, parent);
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(ROOT_CONTEXT, span), carrier);
  return { span, traceparent: carrier.traceparent ?? null };
}

/** Ends an attempt's span with its answer: an error status when the attempt failed. */
export function endAttemptSpan(span: Span, statusCode: number | null, error: string | null, ok: boolean): void {
  if (statusCode !== null) span.setAttribute("http.response.status_code", statusCode);
  if (!ok) span.setStatus({ code: SpanStatusCode.ERROR, message: error ?? `HTTP ${statusCode}` });
  span.end();
}

/** A server span per request, named by its route (never by ids in the path); honours an incoming traceparent. */
export function traceRequests() {
  return createMiddleware(async (c, next) => {
    if (!provider) return next();
    const parent = propagation.extract(ROOT_CONTEXT, c.req.header());
    // No url.path: a relay channel's id in its path is the capability to post to it.
    const attributes = { "http.request.method": c.req.method };
    await tracer().startActiveSpan(c.req.method, { kind: SpanKind.SERVER, attributes }, parent, async (span) => {
      try {
        await next();
      } finally {
        // The first handler that matched the method answered (middlewares are ALL); never the path with its ids.
        const route = matchedRoutes(c).find((r) => r.method !== "ALL")?.path ?? "unmatched";
        span.updateName(`${c.req.method} ${route}`);
        span.setAttribute("http.route", route);
        span.setAttribute("http.response.status_code", c.res.status);
        if (c.res.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      }
    });
  });
}
