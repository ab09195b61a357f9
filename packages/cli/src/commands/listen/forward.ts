import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { RelayAnswer, RelayEvent } from "@hubhooks/client";

export const RELAY_EVENT_HEADER = "X-Hubhooks-Relay-Event";
const TIMEOUT_MS = 30_000;
const EXCERPT_BYTES = 1_000;
/** Headers about the connection the request came over, not about the request: the local one has its own. */
const HOP_BY_HOP = new Set([
  "host",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
  "proxy-connection",
  "proxy-authorization",
  "content-length",
  RELAY_EVENT_HEADER.toLowerCase(),
]);

/** The target URL with the relayed request's query string added, when it had one. */
export function targetUrl(forwardTo: string, path: string): URL {
  const url = new URL(forwardTo);
  const query = path.indexOf("?");
  if (query >= 0) {
    for (const [name, value] of new URLSearchParams(path.slice(query + 1))) url.searchParams.append(name, value);
  }
  return url;
}

/**
 * Sends a relayed request to the local receiver with the same method, header names and values (in their order
 * and spelling) and body bytes, plus the relay's event id; resolves with the local answer, never rejects.
 */
export function forwardEvent(event: RelayEvent, forwardTo: string): Promise<RelayAnswer> {
  const url = targetUrl(forwardTo, event.path);
  const body = Buffer.from(event.body, "base64");
  // With headers as a list, node:http adds no Host of its own: the local one goes first, as a client sends it.
  const headers: string[] = ["Host", url.host];
  for (const [name, value] of event.headers) if (!HOP_BY_HOP.has(name.toLowerCase())) headers.push(name, value);
  headers.push(RELAY_EVENT_HEADER, event.id, "Content-Length", String(body.length));
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = send(url, { method: event.method, headers, timeout: TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        if (size < EXCERPT_BYTES) chunks.push(chunk);
        size += chunk.length;
      });
      res.on("end", () =>
        resolve({
          statusCode: res.statusCode ?? null,
          durationMs: elapsed(),
          body: Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString("utf8"),
          error: null,
        }),
      );
      res.on("error", (error) =>
        resolve({ statusCode: res.statusCode ?? null, durationMs: elapsed(), body: "", error: error.message }),
      );
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
    req.on("error", (error) =>
      resolve({ statusCode: null, durationMs: elapsed(), body: "", error: (error as Error).message || String(error) }),
    );
    req.end(body);
  });
}
