import type { IncomingMessage } from "node:http";
import type { IncomingDelivery } from "../core/incoming.js";
import { payloadTooLarge } from "../core/parse-json.js";

type NodeRequest = IncomingMessage & { body?: unknown };

/** Collects a node request's body up to `maxBytes`; a body Express already parsed (`req.body`) is serialised. */
function readNodeBody(req: NodeRequest, maxBytes: number): Promise<string> {
  if (req.body !== undefined && req.readableEnded) {
    const { body } = req;
    const text =
      typeof body === "string"
        ? body
        : body instanceof Uint8Array
          ? Buffer.from(body).toString()
          : JSON.stringify(body);
    return Buffer.byteLength(text) > maxBytes ? Promise.reject(payloadTooLarge(maxBytes)) : Promise.resolve(text);
  }
  if (Number(req.headers["content-length"] ?? 0) > maxBytes) return Promise.reject(payloadTooLarge(maxBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      req.off("data", onData);
      req.pause(); // the answer closes the connection instead of reading the rest
      reject(payloadTooLarge(maxBytes));
    };
    req.on("data", onData);
    req.once("end", () =>
      resolve(chunks.length === 1 ? (chunks[0] as Buffer).toString() : Buffer.concat(chunks, size).toString()),
    );
    req.once("error", reject);
  });
}

/** A node request as the pipeline sees it; a WHATWG Request is made only if a handler asks for one. */
export function nodeIncoming(req: NodeRequest, path: string, query: string | undefined): IncomingDelivery {
  let bodyText: string | undefined;
  return {
    path,
    header(name) {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(", ") : value;
    },
    querySecret: () => (query ? (new URLSearchParams(query).get("secret") ?? undefined) : undefined),
    async readBody(maxBytes) {
      bodyText = await readNodeBody(req, maxBytes);
      return bodyText;
    },
    toRequest() {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (Array.isArray(value)) for (const item of value) headers.append(name, item);
        else if (value !== undefined) headers.set(name, value);
      }
      headers.delete("content-length");
      const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
      return new Request(url, { method: req.method ?? "POST", headers, body: bodyText ?? null });
    },
  };
}
