import { CliError } from "./cli-error.js";

const isLocal = (url: string) => /^https?:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:|\/|$)/i.test(url);

/** Turns client errors into one-line CLI errors (status and the server's message, or why nothing answered). */
export async function runClientAction(work: () => Promise<void>): Promise<void> {
  const { HubApiError, HubConnectionError } = await import("@hubhooks/client");
  try {
    await work();
  } catch (error) {
    if (error instanceof HubConnectionError) {
      const hint = isLocal(error.url) ? ': is the server running? Start one with "npx hubhooks serve"' : "";
      throw new CliError(`${error.message}${hint}`);
    }
    if (error instanceof HubApiError) throw new CliError(`${error.statusCode}: ${error.message}`);
    if (error instanceof TypeError && /access token/.test(error.message)) {
      const message = error.message.replace(/pass accessToken or set HF_TOKEN\./, "pass --token or set HF_TOKEN");
      const login = message === error.message ? "" : " (or save one with: hubhooks login --endpoint <url>)";
      throw new CliError(`${message}${login}`);
    }
    throw error;
  }
}
