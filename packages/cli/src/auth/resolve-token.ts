import { hfTokenPath, loginStorePath, readLoginToken, readTokenFile } from "./token-files.js";

type Env = Record<string, string | undefined>;

export interface ResolvedToken {
  token?: string;
  /** Where it came from, for `--verbose`: "--token", "HF_TOKEN", a file, or "none". */
  source: string;
}

const HUGGING_FACE = /^https:\/\/huggingface\.co\/?$/i;

/**
 * The token to send, looked up as `hf` does, plus hubhooks' own per-endpoint logins:
 * 1. `--token`;  2. `HF_TOKEN`;  3. the token `hubhooks login` saved for this endpoint;
 * 4. the token `hf auth login` saved (`$HF_HOME/token`). That last one is the user's huggingface.co token: it
 *    goes to huggingface.co or to an endpoint the user named (`--endpoint`, `HF_ENDPOINT`), as `hf` sends it,
 *    never to a server a command merely defaults to (the local one of `trigger` or `deliveries`).
 */
export function resolveToken(
  params: { flag?: string | undefined; endpoint: string; endpointChosen: boolean },
  env: Env = process.env,
): ResolvedToken {
  if (params.flag) return { token: params.flag, source: "--token" };
  if (env.HF_TOKEN) return { token: env.HF_TOKEN, source: "HF_TOKEN" };
  const login = readLoginToken(params.endpoint, env);
  if (login) return { token: login, source: `hubhooks login (${loginStorePath(env)})` };
  if (params.endpointChosen || HUGGING_FACE.test(params.endpoint)) {
    const path = hfTokenPath(env);
    const token = readTokenFile(path);
    if (token) return { token, source: `${path} (hf auth login)` };
  }
  return { source: "none" };
}
