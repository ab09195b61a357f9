import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { BIN } from "./cli.js";

export interface ListenProcess {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `hubhooks listen …` and waits for its "Ready:" line. */
export function startListen(args: string[], env: Record<string, string> = {}): Promise<ListenProcess> {
  const child = spawn(process.execPath, [BIN, "listen", ...args], { env: { ...process.env, NO_COLOR: "1", ...env } });
  let stdout = "";
  let stderr = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`listen did not get ready:\n${stderr}`)), 30_000);
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!/^Ready: /m.test(stderr)) return;
      clearTimeout(timer);
      resolve({
        child,
        stdout: () => stdout,
        stderr: () => stderr,
        stop: (signal = "SIGTERM") => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    });
    child.once("exit", (code) => reject(new Error(`listen exited with ${code}:\n${stderr}`)));
  });
}

/** POSTs exact bytes with exact header names (node:http keeps their spelling and order); resolves with the status. */
export function sendRaw(url: string, headers: string[], body: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      // With headers as a list, node:http adds no Host of its own.
      { method: "POST", headers: ["Host", new URL(url).host, ...headers, "Content-Length", String(body.length)] },
      (res) => {
        let text = "";
        res.on("data", (chunk) => {
          text += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    // A server may answer (413) and close before the whole body is written: the answer counts, not the EPIPE.
    req.on("response", () => req.removeListener("error", reject));
    req.on("error", reject);
    req.end(body);
  });
}

export interface RawRequest {
  method: string;
  url: string;
  rawHeaders: string[];
  body: Buffer;
  header(name: string): string | undefined;
}

/**
 * A local receiver as a Space app would be: checks `X-Webhook-Secret` in constant time (401 without, 403 with
 * another), records each request's raw header lines and body bytes, answers after `delayMs`.
 */
export class SecretCheckingReceiver {
  readonly requests: RawRequest[] = [];
  delayMs = 0;
  /** How many of the next requests with the right secret get a 500 instead of the 200. */
  failNext = 0;
  url = "";
  #server: Server | undefined;

  constructor(readonly secret: string) {}

  async start(): Promise<this> {
    const server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const raw = req.rawHeaders;
        const header = (name: string) => {
          const at = raw.findIndex((value, i) => i % 2 === 0 && value.toLowerCase() === name.toLowerCase());
          return at < 0 ? undefined : raw[at + 1];
        };
        this.requests.push({
          method: req.method ?? "",
          url: req.url ?? "",
          rawHeaders: raw,
          body: Buffer.concat(chunks),
          header,
        });
        const given = header("X-Webhook-Secret");
        const ok =
          given !== undefined &&
          given.length === this.secret.length &&
          timingSafeEqual(Buffer.from(given), Buffer.from(this.secret));
        let [status, text] =
          given === undefined ? [401, "missing secret"] : ok ? [200, "thanks"] : [403, "wrong secret"];
        if (ok && this.failNext > 0) {
          this.failNext -= 1;
          [status, text] = [500, "down for a moment"];
        }
        setTimeout(() => {
          res.writeHead(status, { "content-type": "text/plain" });
          res.end(text);
        }, this.delayMs);
      });
    });
    this.#server = server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.#server?.closeAllConnections();
      this.#server?.close(() => resolve());
    });
  }
}
