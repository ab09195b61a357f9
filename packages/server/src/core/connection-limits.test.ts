import { request } from "node:http";
import { connect, type Socket } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { useServer, waitUntil } from "../test-support/harness.js";

const PER_ADDRESS = 50;

/** GET /health from `localAddress` (loopback has every 127.x address): its status, or the error's code. */
function health(url: URL, localAddress: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request({ host: url.hostname, port: url.port, path: "/health", localAddress, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.setTimeout(5_000, () => req.destroy(new Error("no answer in 5 s")));
    req.end();
  });
}

/** A connection that sends `data` and then nothing more; resolves once it is open, tracks whether it closed. */
function holdOpen(url: URL, data: string): Promise<{ socket: Socket; closed: () => boolean }> {
  return new Promise((resolve) => {
    let closed = false;
    const socket = connect({ host: url.hostname, port: Number(url.port) }, () => {
      socket.write(data);
      resolve({ socket, closed: () => closed });
    });
    socket.on("error", () => {});
    socket.resume(); // read what the server sends (its 408), else its close is never seen here
    socket.on("close", () => {
      closed = true;
    });
  });
}

describe("slow clients and connection floods", () => {
  const h = useServer("sqlite", {
    delivery: {
      http: {
        headersTimeoutMs: 2_000,
        requestTimeoutMs: 3_000,
        maxConnections: 10_000,
        maxConnectionsPerAddress: PER_ADDRESS,
      },
    },
  });
  let url: URL;
  beforeAll(async () => {
    url = new URL(await h.server.listen({ port: 0 }));
  });

  it("a client that opens many connections and never finishes its headers holds only its share, for a bounded time", async () => {
    const slow = await Promise.all(
      Array.from({ length: 300 }, () => holdOpen(url, "GET /health HTTP/1.1\r\nHost: x\r\n")),
    );
    // Over the cap, connections are closed at once; the rest are held.
    await waitUntil(
      () => slow.filter((c) => c.closed()).length >= 300 - PER_ADDRESS,
      10_000,
      "connections over the cap closed",
    );
    expect(slow.filter((c) => !c.closed()).length).toBeLessThanOrEqual(PER_ADDRESS);
    // Another client is served meanwhile.
    expect(await health(url, "127.0.0.2")).toBe(200);
    // The headers deadline closes the held ones, and the flooding address is served again.
    await waitUntil(() => slow.every((c) => c.closed()), 15_000, "every slow-header connection closed");
    expect(await health(url, "127.0.0.1")).toBe(200);
  });

  it("a body sent slower than the request deadline allows is cut off with 408", async () => {
    const { token } = await h.user("alice");
    const conn = await holdOpen(
      url,
      `POST /api/settings/webhooks HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`,
    );
    let answer = "";
    conn.socket.on("data", (chunk) => {
      answer += chunk.toString();
    });
    await waitUntil(() => conn.closed(), 20_000, "the slow-body connection closed");
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });
});
