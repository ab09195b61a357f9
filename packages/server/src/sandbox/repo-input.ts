import type { EventInput } from "@hubhooks/schemas";
import type { SandboxRepo } from "./repo-store.js";

/** The `repo` block of an event about a sandbox repo, as the Hub fills it. */
export function repoInput(repo: SandboxRepo): EventInput["repo"] {
  return { type: repo.type, name: repo.name, id: repo.id, private: repo.private, headSha: repo.headSha };
}
