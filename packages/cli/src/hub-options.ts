import { type Command, Option } from "commander";
import { resolveToken } from "./auth/resolve-token.js";

export interface HubOptions {
  endpoint: string;
  token?: string;
  verbose?: boolean;
}

/** `--endpoint`, `--token` and `--verbose`, for every command that talks to a Hub API (huggingface.co or hubhooks). */
export function addHubOptions(command: Command, defaultEndpoint = "https://huggingface.co"): Command {
  return command
    .addOption(new Option("--endpoint <url>", "Hub or hubhooks server URL").env("HF_ENDPOINT").default(defaultEndpoint))
    .addOption(
      new Option(
        "--token <token>",
        "access token (hf_…); else HF_TOKEN, else the token of `hubhooks login` for the endpoint, else that of `hf auth login`",
      ),
    )
    .addOption(new Option("--verbose", "say on stderr which endpoint and which token are used"));
}

/** The command (or parent) that declares `--endpoint`, to ask where its value came from. */
function endpointOwner(command: Command): Command | undefined {
  for (let current: Command | null = command; current; current = current.parent) {
    if (current.options.some((option) => option.long === "--endpoint")) return current;
  }
  return undefined;
}

/**
 * Client credentials from the options of the command or of any parent command, the token looked up as `hf`
 * does (see `resolveToken`). When the endpoint is the default (no `--endpoint`, no `HF_ENDPOINT`), says on stderr
 * which one is used, so nobody sends a local test webhook to the real Hub by accident; `--verbose` also says
 * where the token came from.
 */
export function credentials(command: Command): { hubUrl: string; accessToken?: string } {
  const { endpoint, token, verbose } = command.optsWithGlobals<HubOptions>();
  const endpointSource = endpointOwner(command)?.getOptionValueSource("endpoint");
  const endpointChosen = endpointSource !== undefined && endpointSource !== "default";
  if (!endpointChosen) {
    process.stderr.write(`Using ${endpoint} (set HF_ENDPOINT or --endpoint for another server)\n`);
  }
  const resolved = resolveToken({ flag: token, endpoint, endpointChosen });
  if (verbose) {
    const from = endpointSource === "env" ? "HF_ENDPOINT" : endpointSource === "cli" ? "--endpoint" : "default";
    process.stderr.write(`Endpoint: ${endpoint} (${from}); token: ${resolved.source}\n`);
  }
  return resolved.token ? { hubUrl: endpoint, accessToken: resolved.token } : { hubUrl: endpoint };
}
