import { request } from "node:http";
import { beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, useServer } from "../test-support/harness.js";
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

describe.each(DIALECTS)("texts up to their documented limit fit under the body cap on %s", (dialect) => {
  const h = useServer(dialect);
  const api = "/api/models/writer/notes/discussions";
  let token = "";
  beforeAll(async () => {
    token = (await h.user("writer")).token;
    await h.call(token, "POST", "/api/repos/create", { name: "notes" });
    await h.call(token, "POST", api, { title: "Long texts", description: "x" });
  });
  const MAX = 65_536;
  // Worst case on the wire: each character sent as a JSON escape, six bytes.
  const escaped = (chars: number) => `"${"\\u00e9".repeat(chars)}"`;

  it("takes a 65 536-character comment, description or edit, even sent as JSON escapes", async () => {
    const ascii = await h.call(token, "POST", `${api}/1/comment`, { comment: "a".repeat(MAX) });
    expect(ascii.status, await ascii.clone().text()).toBe(200);
    const comment = await h.call(token, "POST", `${api}/1/comment`, `{"comment": ${escaped(MAX)}}`);
    expect(comment.status).toBe(200);
    const { newMessage } = (await comment.json()) as { newMessage: { id: string; data: { latest: { raw: string } } } };
    expect(newMessage.data.latest.raw).toBe("é".repeat(MAX));
    const edit = await h.call(token, "POST", `${api}/1/comment/${newMessage.id}/edit`, `{"content": ${escaped(MAX)}}`);
    expect(edit.status).toBe(200);
    const opened = await h.call(token, "POST", api, `{"title": "t", "description": ${escaped(MAX)}}`);
    expect(opened.status).toBe(200);
  });

  it("refuses 65 537 characters with the documented 400, not the body cap's 413", async () => {
    const res = await h.call(token, "POST", `${api}/1/comment`, { comment: "a".repeat(MAX + 1) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/longer than 65536 characters/);
  });
});
