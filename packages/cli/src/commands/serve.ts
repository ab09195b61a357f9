import { type Command, Option } from "commander";
import { databaseOption } from "../database-option.js";

interface ServeOptions {
  host: string;
  port: string;
  database: string;
}

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("run the webhooks service (API, delivery worker, web UI)")
    .addOption(new Option("--host <host>", "interface to listen on").env("HUBHOOKS_HOST").default("127.0.0.1"))
    .addOption(new Option("--port <port>", "port to listen on").env("HUBHOOKS_PORT").default("7861"))
    .addOption(databaseOption())
    .action(async (options: ServeOptions) => {
      const { createServer, createUser, countUsers } = await import("@hubhooks/server");
      const server = await createServer({ database: options.database });
      if ((await countUsers(server.db)) === 0) {
        const { token } = await createUser(server.db, "admin", { publisher: true });
        process.stdout.write(
          `\nThis database was empty, so user "admin" was created. Its access token is shown only this once:\n\n  ${token}\n\nKeep it somewhere safe; "hubhooks users token admin" issues a new one.\n\n`,
        );
      }
      const url = await server.listen({ host: options.host, port: Number(options.port) });
      server.logger.info({ url, database: server.dialect }, "hubhooks is listening");
      process.stdout.write(`hubhooks is listening on ${url}\n`);
      const stop = async (signal: string) => {
        server.logger.info({ signal }, "shutting down");
        await server.close();
        process.exit(0);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}
