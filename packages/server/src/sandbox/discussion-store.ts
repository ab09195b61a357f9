import type { EventInput } from "@hubhooks/schemas";
import type { Kysely } from "kysely";
import { HubCodedError } from "../core/errors.js";
import { newObjectId } from "../core/ids.js";
import type { Database, SandboxDiscussionEventRow, SandboxDiscussionRow } from "../store/schema.js";
import { inTransaction } from "../store/transaction.js";
import { MAIN_REF, type SandboxRepo } from "./repo-store.js";

export type DiscussionStatus = "draft" | "open" | "closed" | "merged";

export interface Discussion {
  id: string;
  repoId: string;
  num: number;
  title: string;
  isPullRequest: boolean;
  status: DiscussionStatus;
  authorId: string;
  mergeCommitId: string | null;
  createdAt: number;
}

/** What a comment event stores: the text, whether it is hidden, and every earlier text. */
export interface CommentData {
  content: string;
  hidden: boolean;
  history: Array<{ content: string; at: number; authorId: string }>;
}

function toDiscussion(row: SandboxDiscussionRow): Discussion {
  return {
    id: row.id,
    repoId: row.repo_id,
    num: row.num,
    title: row.title,
    isPullRequest: row.is_pull_request === 1,
    status: row.status as DiscussionStatus,
    authorId: row.author_id,
    mergeCommitId: row.merge_commit_id,
    createdAt: Number(row.created_at),
  };
}

export const pullRequestRef = (num: number) => `refs/pr/${num}`;

/** The `discussion` block of an event, as the Hub fills it. */
export function discussionInput(discussion: Discussion): NonNullable<EventInput["discussion"]> {
  return {
    id: discussion.id,
    num: discussion.num,
    title: discussion.title,
    isPullRequest: discussion.isPullRequest,
    status: discussion.status,
    author: { id: discussion.authorId },
    ...(discussion.isPullRequest && {
      changes: { base: MAIN_REF, ...(discussion.mergeCommitId && { mergeCommitId: discussion.mergeCommitId }) },
    }),
  };
}

export async function findDiscussion(db: Kysely<Database>, repo: SandboxRepo, num: number): Promise<Discussion> {
  const row = Number.isSafeInteger(num)
    ? await db
        .selectFrom("sandbox_discussions")
        .selectAll()
        .where("repo_id", "=", repo.id)
        .where("num", "=", num)
        .executeTakeFirst()
    : undefined;
  if (!row) throw new HubCodedError(404, `Discussion #${num} not found on ${repo.type} ${repo.name}`, "EntryNotFound");
  return toDiscussion(row);
}

export async function listDiscussions(db: Kysely<Database>, repoId: string): Promise<Discussion[]> {
  const rows = await db
    .selectFrom("sandbox_discussions")
    .selectAll()
    .where("repo_id", "=", repoId)
    .orderBy("num", "desc")
    .execute();
  return rows.map(toDiscussion);
}

/**
 * A new discussion (or pull request) with its first comment, numbered after the repo's last one. A pull request
 * starts as a draft whose ref points at main's head.
 */
export async function insertDiscussion(
  db: Kysely<Database>,
  repo: SandboxRepo,
  input: { title: string; description: string; isPullRequest: boolean; authorId: string },
): Promise<{ discussion: Discussion; comment: SandboxDiscussionEventRow }> {
  return inTransaction(db, async (trx) => {
    const now = Date.now();
    const { next_discussion_num: num } = await trx
      .updateTable("sandbox_repos")
      .set((eb) => ({ next_discussion_num: eb("next_discussion_num", "+", 1) }))
      .where("id", "=", repo.id)
      .returning("next_discussion_num")
      .executeTakeFirstOrThrow();
    const row: SandboxDiscussionRow = {
      id: newObjectId(now),
      repo_id: repo.id,
      num: num - 1,
      title: input.title,
      is_pull_request: input.isPullRequest ? 1 : 0,
      status: input.isPullRequest ? "draft" : "open",
      author_id: input.authorId,
      merge_commit_id: null,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto("sandbox_discussions").values(row).execute();
    if (input.isPullRequest) {
      await trx
        .insertInto("sandbox_refs")
        .values({ repo_id: repo.id, ref: pullRequestRef(row.num), sha: repo.headSha })
        .execute();
    }
    const comment = await insertEvent(trx, row.id, "comment", input.authorId, commentData(input.description));
    return { discussion: toDiscussion(row), comment };
  });
}

export function commentData(content: string): CommentData {
  return { content, hidden: false, history: [] };
}

export async function insertEvent(
  db: Kysely<Database>,
  discussionId: string,
  type: "comment" | "status-change" | "title-change" | "commit",
  authorId: string,
  data: object,
): Promise<SandboxDiscussionEventRow> {
  const now = Date.now();
  const row = {
    id: newObjectId(now),
    discussion_id: discussionId,
    type,
    author_id: authorId,
    data: JSON.stringify(data),
    created_at: now,
    updated_at: now,
  };
  await db.insertInto("sandbox_discussion_events").values(row).execute();
  await db.updateTable("sandbox_discussions").set({ updated_at: now }).where("id", "=", discussionId).execute();
  return row;
}

export async function discussionEvents(
  db: Kysely<Database>,
  discussionId: string,
): Promise<SandboxDiscussionEventRow[]> {
  return db
    .selectFrom("sandbox_discussion_events")
    .selectAll()
    .where("discussion_id", "=", discussionId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export async function findComment(
  db: Kysely<Database>,
  discussion: Discussion,
  commentId: string,
): Promise<SandboxDiscussionEventRow> {
  const row = !/^[0-9a-f]{24}$/.test(commentId)
    ? undefined
    : await db
        .selectFrom("sandbox_discussion_events")
        .selectAll()
        .where("discussion_id", "=", discussion.id)
        .where("id", "=", commentId)
        .where("type", "=", "comment")
        .executeTakeFirst();
  if (!row)
    throw new HubCodedError(404, `Comment ${commentId} not found in discussion #${discussion.num}`, "EntryNotFound");
  return row;
}

export async function updateComment(db: Kysely<Database>, row: SandboxDiscussionEventRow, data: CommentData) {
  const updated = { ...row, data: JSON.stringify(data), updated_at: Date.now() };
  await db
    .updateTable("sandbox_discussion_events")
    .set({ data: updated.data, updated_at: updated.updated_at })
    .where("id", "=", row.id)
    .execute();
  return updated;
}

export async function updateDiscussion(
  db: Kysely<Database>,
  discussion: Discussion,
  change: { title?: string; status?: DiscussionStatus; mergeCommitId?: string },
): Promise<Discussion> {
  await db
    .updateTable("sandbox_discussions")
    .set({
      ...(change.title !== undefined && { title: change.title }),
      ...(change.status !== undefined && { status: change.status }),
      ...(change.mergeCommitId !== undefined && { merge_commit_id: change.mergeCommitId }),
      updated_at: Date.now(),
    })
    .where("id", "=", discussion.id)
    .execute();
  return {
    ...discussion,
    ...(change.title !== undefined && { title: change.title }),
    ...(change.status !== undefined && { status: change.status }),
    ...(change.mergeCommitId !== undefined && { mergeCommitId: change.mergeCommitId }),
  };
}
