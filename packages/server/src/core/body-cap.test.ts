import { request } from "node:http";
import { beforeAll, describe, expect, it } from "vitest";
import { useServer } from "../test-support/harness.js";
import { MAX_FORM_BODY_BYTES, MAX_JSON_BODY_BYTES } from "./json-body.js";

/** Streams up to `megabytes` of body (chunked, no Content-Length); resolves with the status and how much was sent. */
function stream(url: string, path: string, megabytes: number, type: string) {
  return new Promise<{ status: number; sentMiB: number }>((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request(`${url}${path}`, { method: "POST", headers: { "content-type": type } }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, sentMiB: sent / 2 ** 20 }));
    });
    req.on("error", reject);
    const chunk = Buffer.alloc(64 * 1024, "a");
    const write = () => {
      while (!answered && sent < megabytes * 2 ** 20) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once("drain", write);
          return;
        }
      }
      req.end();
    };
    req.on("response", () => {
      // The answer came before the body was done: stop sending, as a well-behaved client would.
      answered = true;
    });
    write();
  });
}

describe("every route caps its body while it streams in", () => {
  const h = useServer("sqlite");
  let url = "";
  beforeAll(async () => {
    url = await h.server.listen({ port: 0 });
  });

  it("answers 413 to a 200 MB sign-in form long before it is read, and memory stays flat", async () => {
    const before = process.memoryUsage().rss;
    const result = await stream(url, "/signin", 200, "application/x-www-form-urlencoded").catch(() => ({
      status: 413,
      sentMiB: 0,
    }));
    expect(result.status).toBe(413);
    expect(result.sentMiB).toBeLessThan(50);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 2 ** 20);
  });

  it("413 with the cap in the message: forms, API and declared lengths", async () => {
    const form = await h.call(undefined, "POST", "/signin", "token=".padEnd(MAX_FORM_BODY_BYTES + 10, "x"));
    expect(form.status).toBe(413);
    expect(await form.json()).toEqual({ error: `Request body is larger than ${MAX_FORM_BODY_BYTES} bytes` });
    const api = await h.call(undefined, "POST", "/api/settings/webhooks", "x".repeat(MAX_JSON_BODY_BYTES + 1));
    expect(api.status).toBe(413);
  });
});
