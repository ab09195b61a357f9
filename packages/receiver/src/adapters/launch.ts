import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { WebhooksServer } from "../webhooks-server.js";
import { createNodeMiddleware } from "./node-middleware.js";

export interface LaunchOptions {
  /** 7860 by default, like a Space; 0 picks a free port. */
  port?: number;
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

/** Listens on a node:http server and prints each webhook's URL. */
export function launch(app: WebhooksServer, options: LaunchOptions = {}): Promise<LaunchedServer> {
  const { port = 7860, host = "127.0.0.1", print = console.log } = options;
  const server = createServer(createNodeMiddleware(app));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
      const localUrl = `http://${shownHost}:${address.port}`;
      const spaceHost = globalThis.process?.env?.SPACE_HOST;
      const url = (spaceHost ? `https://${spaceHost}` : localUrl).replace(/\/+$/, "");
      app.publicUrl = url;
      print(`\nWebhooks are correctly setup and ready to use:`);
      for (const path of app.paths) print(`  - POST ${url}${path}`);
      print("Go to https://huggingface.co/settings/webhooks to setup your webhooks.");
      resolve({
        url,
        localUrl,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
