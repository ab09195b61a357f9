import { createHash, randomBytes } from "node:crypto";
import { namespaceOf, type RepoType } from "@hubhooks/schemas";
import { type Kysely, sql } from "kysely";
import type { Account } from "../core/account.js";
import { HubCodedError } from "../core/errors.js";
import { newObjectId } from "../core/ids.js";
import type { Database, SandboxRepoRow } from "../store/schema.js";
import { inTransaction } from "../store/transaction.js";
import { movedRepoName, RepoMovedError } from "./repo-moves.js";

export const MAIN_REF = "refs/heads/main";

export interface SandboxRepo {
  id: string;
  type: RepoType;
  name: string;
  private: boolean;
  headSha: string;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  gated: false | "auto" | "manual";
  sdk: string | null;
}

export function toRepo(row: SandboxRepoRow): SandboxRepo {
  return {
    id: row.id,
    type: row.type as RepoType,
    name: row.name,
    private: row.private === 1,
    headSha: row.head_sha,
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    gated: row.gated === "auto" || row.gated === "manual" ? row.gated : false,
    sdk: row.sdk ?? null,
  };
}

/** A commit id: the sandbox keeps no git objects, so any fresh 40-hex id will do. */
export function newCommitSha(): string {
  return randomBytes(20).toString("hex");
}

/** The git blob id of a file, which `huggingface_hub` compares to skip uploading unchanged files. */
export function gitBlobOid(content: Buffer): string {
  return createHash("sha1").update(`blob ${content.length}\0`).update(content).digest("hex");
}

export function repoNotFound(type: string, name: string): HubCodedError {
  return new HubCodedError(404, `Repository not found: ${type} ${name}`, "RepoNotFound");
}

/**
 * A repo by id, compared case-insensitively as the Hub compares them ("Alice/Demo" is alice/demo); the stored
 * casing is what answers show. Of two repos whose names differ only in case (made before this rule), the exact one.
 */
export async function findRepo(db: Kysely<Database>, type: RepoType, name: string): Promise<SandboxRepo | undefined> {
  const rows = await db
    .selectFrom("sandbox_repos")
    .selectAll()
    .where("type", "=", type)
    .where(sql<string>`lower(name)`, "=", name.toLowerCase())
    .execute();
  const row = rows.find((candidate) => candidate.name === name) ?? rows[0];
  return row && toRepo(row);
}

/** The user itself, or a member of the org: who may create, change and read private repos of `namespace`. */
export async function actsFor(db: Kysely<Database>, account: Account, namespace: string): Promise<boolean> {
  if (namespace === account.name) return true;
  const member = await db
    .selectFrom("orgs")
    .innerJoin("org_members", "org_members.org_id", "orgs.id")
    .select("orgs.id")
    .where("orgs.name", "=", namespace)
    .where("org_members.user_id", "=", account.id)
    .executeTakeFirst();
  return member !== undefined;
}

/** Writers of a repo: its namespace's user or members; a canonical repo's creator. */
export async function canWrite(db: Kysely<Database>, account: Account, repo: SandboxRepo): Promise<boolean> {
  const namespace = namespaceOf(repo.name);
  return namespace ? actsFor(db, account, namespace) : repo.createdBy === account.id;
}

/** The repo if the caller may read it; a private repo is "not found" to anyone else, as on the Hub. */
export async function readableRepo(
  db: Kysely<Database>,
  account: Account | undefined,
  type: RepoType,
  name: string,
): Promise<SandboxRepo> {
  const repo = await findRepo(db, type, name);
  if (!repo) {
    // A moved repo's old name leads to it, for those who may read it.
    const movedTo = await movedRepoName(db, type, name);
    const moved = movedTo === undefined ? undefined : await findRepo(db, type, movedTo);
    if (moved && !(moved.private && !(account && (await canWrite(db, account, moved))))) {
      throw new RepoMovedError(name, moved.name, type);
    }
  }
  if (!repo || (repo.private && !(account && (await canWrite(db, account, repo))))) throw repoNotFound(type, name);
  return repo;
}

export async function writableRepo(
  db: Kysely<Database>,
  account: Account,
  type: RepoType,
  name: string,
): Promise<SandboxRepo> {
  const repo = await readableRepo(db, account, type, name);
  if (!(await canWrite(db, account, repo))) {
    throw new HubCodedError(403, `You don't have the rights to change ${type} ${name}`, "Forbidden");
  }
  return repo;
}

const GITATTRIBUTES = "*.bin filter=lfs diff=lfs merge=lfs -text\n*.safetensors filter=lfs diff=lfs merge=lfs -text\n";

/** A new repo with its first commit (a `.gitattributes`, as the Hub makes). */
export async function insertRepo(
  db: Kysely<Database>,
  input: { type: RepoType; name: string; private: boolean; createdBy: string; sdk?: string },
): Promise<SandboxRepo> {
  const now = Date.now();
  const row = {
    id: newObjectId(now),
    type: input.type,
    name: input.name,
    private: input.private ? 1 : 0,
    head_sha: newCommitSha(),
    created_by: input.createdBy,
    next_discussion_num: 1,
    created_at: now,
    updated_at: now,
    gated: null,
    sdk: input.type === "space" ? (input.sdk ?? "docker") : null,
    space_runtime: null,
  };
  const content = Buffer.from(GITATTRIBUTES);
  await inTransaction(db, async (trx) => {
    await trx.insertInto("sandbox_repos").values(row).execute();
    await trx.insertInto("sandbox_refs").values({ repo_id: row.id, ref: MAIN_REF, sha: row.head_sha }).execute();
    await trx
      .insertInto("sandbox_files")
      .values({
        repo_id: row.id,
        ref: MAIN_REF,
        path: ".gitattributes",
        content: content.toString("base64"),
        size: content.length,
        oid: gitBlobOid(content),
        deleted: 0,
        commit_sha: row.head_sha,
      })
      .execute();
    await trx
      .insertInto("sandbox_commits")
      .values({
        repo_id: row.id,
        sha: row.head_sha,
        parent_sha: null,
        title: "initial commit",
        message: "",
        author_id: input.createdBy,
        created_at: now,
      })
      .execute();
  });
  return toRepo(row);
}
