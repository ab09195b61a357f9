import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { WebhooksServer } from "../webhooks-server.js";

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

/**
 * A `node:http` / Express middleware. Inside Express (with `next`), requests outside the registered webhook
 * routes fall through to the next middleware; on a bare `node:http` server the receiver answers everything.
 */
export function createNodeMiddleware(app: WebhooksServer) {
  return async (req: IncomingMessage, res: ServerResponse, next?: Next): Promise<void> => {
    const pathname = new URL(req.url ?? "/", "http://localhost").pathname;
    if (next && !app.paths.includes(pathname)) {
      next();
      return;
    }
    try {
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
