import { CliError } from "./cli-error.js";

/** Turns client errors into one-line CLI errors (status and the server's message). */
export async function runClientAction(work: () => Promise<void>): Promise<void> {
  const { HubApiError } = await import("@hubhooks/client");
  try {
    await work();
  } catch (error) {
    if (error instanceof HubApiError) throw new CliError(`${error.statusCode}: ${error.message}`);
    if (error instanceof TypeError && /access token/.test(error.message)) {
      throw new CliError(`${error.message.replace(/pass accessToken/, "pass --token")}`);
    }
    throw error;
  }
}
