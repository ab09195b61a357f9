import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { WebhooksServer } from "../webhooks-server.js";
import { createNodeMiddleware } from "./node-middleware.js";

export interface LaunchOptions {
  /** `PORT` from the environment, else 7860 (a Space's port); 0 picks a free port. */
  port?: number;
  /** `HOST` from the environment, else 0.0.0.0 on a Space (`SPACE_HOST` set) and 127.0.0.1 elsewhere. */
  host?: string;
  /** Where the ready message goes (console.log by default). */
  print?: (line: string) => void;
}

export interface LaunchedServer {
  /** The URL the app is reachable at: `https://$SPACE_HOST` on a Space, the local URL otherwise. */
  url: string;
  localUrl: string;
  close(): Promise<void>;
}

/** An error printed as one line, without a stack trace: the message says what to do. */
export class LaunchError extends Error {
  override name = "LaunchError";
  constructor(message: string) {
    super(message);
    this.stack = `${this.name}: ${message}`;
  }
}

function envPort(env: Record<string, string | undefined>): number | undefined {
  const raw = env.PORT;
  if (raw === undefined || raw === "") return undefined;
  const port = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(port >= 0 && port < 65_536)) throw new LaunchError(`PORT="${raw}" is not a port number (0-65535)`);
  return port;
}

/** Listens on a node:http server (the Node fast path) and prints each webhook's URL, as Python's launch does. */
export function launchServer(app: WebhooksServer, options: LaunchOptions = {}): Promise<LaunchedServer> {
  const env = globalThis.process?.env ?? {};
  const spaceHost = env.SPACE_HOST;
  const port = options.port ?? envPort(env) ?? 7860;
  const host = options.host ?? env.HOST ?? (spaceHost ? "0.0.0.0" : "127.0.0.1");
  const print = options.print ?? console.log;
  const server = createServer(createNodeMiddleware(app));
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") {
        reject(
          new LaunchError(
            `port ${port} is already in use: stop the other server or choose another port with PORT=<port> (or launch({ port }))`,
          ),
        );
      } else if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND") {
        reject(new LaunchError(`cannot listen on host ${host}: no such local address (set HOST or launch({ host }))`));
      } else reject(error);
    });
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
      const localUrl = `http://${shownHost === "0.0.0.0" ? "127.0.0.1" : shownHost}:${address.port}`;
      const url = (spaceHost ? `https://${spaceHost}` : localUrl).replace(/\/+$/, "");
      app.publicUrl = url;
      print(`\nWebhooks are correctly setup and ready to use:`);
      for (const path of app.paths) print(`  - POST ${url}${path}`);
      // HF_ENDPOINT names a hubhooks server (or another Hub) when set: its settings page is where to go.
      const hub = (process.env.HF_ENDPOINT || "https://huggingface.co").replace(/\/+$/, "");
      print(`Go to ${hub}/settings/webhooks to setup your webhooks.`);
      resolve({
        url,
        localUrl,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
