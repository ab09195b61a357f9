import type { Kysely } from "kysely";
import type { Account } from "../core/account.js";
import { HubCodedError } from "../core/errors.js";
import type { Database } from "../store/schema.js";
import { canWrite, type SandboxRepo } from "./repo-store.js";

/** What a gated repo still shows everyone, as the Hub shows the card of a gated model. */
const UNGATED_FILES = new Set(["README.md", ".gitattributes"]);

/**
 * A gated repo's files are for its writers only: the sandbox has no access requests to grant, so nobody else is
 * ever on the list. Anonymous callers get 401 and signed-in ones 403, both with `X-Error-Code: GatedRepo`, which
 * huggingface_hub raises as `GatedRepoError`.
 */
export async function checkGate(
  db: Kysely<Database>,
  account: Account | undefined,
  repo: SandboxRepo,
  path: string,
): Promise<void> {
  if (!repo.gated || UNGATED_FILES.has(path)) return;
  if (account && (await canWrite(db, account, repo))) return;
  const what = `${repo.type} ${repo.name}`;
  if (!account) {
    throw new HubCodedError(
      401,
      `Access to ${what} is restricted. You must have access to it and be authenticated to access it. Please log in.`,
      "GatedRepo",
    );
  }
  throw new HubCodedError(
    403,
    `Access to ${what} is restricted and you are not in the authorized list (the sandbox grants access to the repo's writers only).`,
    "GatedRepo",
  );
}
