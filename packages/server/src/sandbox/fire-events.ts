import type { EventInput } from "@hubhooks/schemas";
import type { Account } from "../core/account.js";
import type { ServerDeps } from "../core/deps.js";
import { recordEvents } from "../events/record-events.js";
import type { SandboxRepo } from "./repo-store.js";

/** The `repo` block of an event about a sandbox repo, as the Hub fills it. */
export function repoInput(repo: SandboxRepo): EventInput["repo"] {
  return { type: repo.type, name: repo.name, id: repo.id, private: repo.private, headSha: repo.headSha };
}

/**
 * Fires what the Hub would fire for a change made through the sandbox, through the normal matching and delivery
 * path, with the acting user as the publisher (and so the default author).
 */
export async function fireEvents(deps: ServerDeps, actor: Account, inputs: EventInput[]): Promise<void> {
  const results = await recordEvents(deps.db, deps.dialect, inputs, actor.id, deps.config);
  if (results.some((result) => result.deliveries > result.rateLimited)) deps.notifier.notify();
}
