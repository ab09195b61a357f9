import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { DeliveryAnswer } from "../core/receive-delivery.js";
import type { WebhooksServer } from "../webhooks-server.js";
import { nodeIncoming } from "./node-incoming.js";

type Next = (error?: unknown) => void;

/** Turns a node request into a web Request; a body already parsed by Express (`req.body`) is re-serialised. */
export function toWebRequest(req: IncomingMessage & { body?: unknown }, baseUrl = "http://localhost"): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const url = new URL(req.url ?? "/", baseUrl);
  if (req.method === "GET" || req.method === "HEAD") return new Request(url, { method: req.method, headers });
  let body: BodyInit;
  if (req.body !== undefined && req.readableEnded) {
    body =
      typeof req.body === "string"
        ? req.body
        : req.body instanceof Uint8Array
          ? Buffer.from(req.body)
          : JSON.stringify(req.body);
    headers.delete("content-length");
  } else {
    body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
  }
  return new Request(url, { method: req.method ?? "POST", headers, body, duplex: "half" } as RequestInit);
}

export async function writeWebResponse(response: Response, res: ServerResponse): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  if (!response.body) {
    res.end();
    return;
  }
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** Writes the pipeline's answer straight to the node response (no `Response` object for JSON answers). */
export async function writeAnswer(answer: DeliveryAnswer, res: ServerResponse): Promise<void> {
  if (answer instanceof Response) return writeWebResponse(answer, res);
  const body = JSON.stringify(answer.json);
  const headers: Record<string, string | number> = {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
  };
  // The rest of an oversized body is never read: close rather than drain it.
  if (answer.status === 413) headers.connection = "close";
  res.writeHead(answer.status, headers);
  res.end(body);
}

/**
 * A `node:http` / Express middleware. Deliveries to webhook routes take the Node fast path (the raw request is
 * read directly, no web streams); everything else goes through the fetch handler. Inside Express (with `next`),
 * requests outside the registered webhook routes fall through to the next middleware.
 */
export function createNodeMiddleware(app: WebhooksServer) {
  return async (req: IncomingMessage, res: ServerResponse, next?: Next): Promise<void> => {
    const url = req.url ?? "/";
    const queryStart = url.indexOf("?");
    const pathname = queryStart === -1 ? url : url.slice(0, queryStart);
    try {
      const route = req.method === "POST" ? app.deliveryRoute(pathname) : undefined;
      if (route) {
        const query = queryStart === -1 ? undefined : url.slice(queryStart + 1);
        await writeAnswer(await route.receive(nodeIncoming(req, pathname, query)), res);
        return;
      }
      if (next && !app.paths.includes(pathname)) {
        next();
        return;
      }
      await writeWebResponse(await app.fetch(toWebRequest(req)), res);
    } catch (error) {
      if (next) next(error);
      else {
        res.statusCode = 500;
        res.end();
      }
    }
  };
}
