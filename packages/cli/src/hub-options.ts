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

/** Client credentials from the options of the command or of any parent command. */
export function credentials(command: Command): { hubUrl: string; accessToken?: string } {
  const { endpoint, token } = command.optsWithGlobals<HubOptions>();
  return token ? { hubUrl: endpoint, accessToken: token } : { hubUrl: endpoint };
}
