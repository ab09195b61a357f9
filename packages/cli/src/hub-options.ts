import { type Command, Option } from "commander";

export interface HubOptions {
  endpoint: string;
  token?: string;
}

/** `--endpoint` and `--token`, for every command that talks to a Hub API (huggingface.co or hubhooks). */
export function addHubOptions(command: Command, defaultEndpoint = "https://huggingface.co"): Command {
  return command
    .addOption(new Option("--endpoint <url>", "Hub or hubhooks server URL").env("HF_ENDPOINT").default(defaultEndpoint))
    .addOption(new Option("--token <token>", "access token (hf_…)").env("HF_TOKEN"));
}

/** The command (or parent) that declares `--endpoint`, to ask where its value came from. */
function endpointOwner(command: Command): Command | undefined {
  for (let current: Command | null = command; current; current = current.parent) {
    if (current.options.some((option) => option.long === "--endpoint")) return current;
  }
  return undefined;
}

/**
 * Client credentials from the options of the command or of any parent command. When the endpoint is the
 * default (no `--endpoint`, no `HF_ENDPOINT`), says on stderr which one is used, so nobody sends a local test
 * webhook to the real Hub by accident.
 */
export function credentials(command: Command): { hubUrl: string; accessToken?: string } {
  const { endpoint, token } = command.optsWithGlobals<HubOptions>();
  if (endpointOwner(command)?.getOptionValueSource("endpoint") === "default") {
    process.stderr.write(`Using ${endpoint} (set HF_ENDPOINT or --endpoint for another server)\n`);
  }
  return token ? { hubUrl: endpoint, accessToken: token } : { hubUrl: endpoint };
}
