import { createInterface } from "node:readline/promises";
import { Writable } from "node:stream";
import type { Command } from "commander";
import { endpointKey, writeLoginToken } from "../auth/token-files.js";
import { CliError } from "../cli-error.js";
import { addHubOptions, type HubOptions } from "../hub-options.js";
import { addOutputOptions, type OutputFlags } from "../output/format.js";
import { printResult } from "../output/print.js";
import { runClientAction } from "../run-action.js";

const LOCAL_SERVER = "http://127.0.0.1:7861";

/** A line from stdin; on a terminal, asked for and not echoed (like `hf auth login`). */
async function readToken(): Promise<string> {
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  if (process.stdin.isTTY) process.stderr.write("Token (hf_…, not shown): ");
  const lines = createInterface({ input: process.stdin, output: muted, terminal: Boolean(process.stdin.isTTY) });
  try {
    for await (const line of lines) return line.trim();
    return "";
  } finally {
    lines.close();
    if (process.stdin.isTTY) process.stderr.write("\n");
  }
}

/** `hubhooks login` / `logout`: one saved token per endpoint, used when neither --token nor HF_TOKEN is given. */
export function registerLogin(program: Command): void {
  addOutputOptions(addHubOptions(program.command("login"), LOCAL_SERVER), "the user name")
    .description(
      "check a token against a server and save it for that endpoint (--token, else HF_TOKEN, else asked for)",
    )
    .action(async (options: OutputFlags & HubOptions) => {
      const token = options.token || process.env.HF_TOKEN || (await readToken());
      if (!token) throw new CliError("no token given: pass --token, set HF_TOKEN or type it");
      await runClientAction(async () => {
        const { whoAmI } = await import("@hubhooks/client");
        const me = await whoAmI({ hubUrl: options.endpoint, accessToken: token });
        const path = writeLoginToken(options.endpoint, token);
        printResult(options, {
          json: { endpoint: endpointKey(options.endpoint), name: me.name, path },
          quiet: me.name,
          table: `Logged in to ${options.endpoint} as ${me.name}; the token is saved in ${path}`,
        });
      });
    });

  addOutputOptions(addHubOptions(program.command("logout"), LOCAL_SERVER), "the endpoint")
    .description("forget the token saved by `hubhooks login` for an endpoint")
    .action(async (options: OutputFlags & HubOptions) => {
      const path = writeLoginToken(options.endpoint, undefined);
      printResult(options, {
        json: { endpoint: endpointKey(options.endpoint), path },
        quiet: endpointKey(options.endpoint),
        table: `Forgot the token for ${options.endpoint} (in ${path})`,
      });
    });
}
