import type { Kysely } from "kysely";
import { spaceSubdomain } from "../events/build-payload.js";
import type { Database, SandboxDiscussionEventRow } from "../store/schema.js";
import type { CardInfo } from "./card-data.js";
import type { FileEntry } from "./content-store.js";
import type { CommentData, Discussion } from "./discussion-store.js";
import type { SandboxRepo } from "./repo-store.js";
import { lfsInfo } from "./tree-listing.js";

/** A user as the Hub's API shows an author. */
export interface WireAuthor {
  _id: string;
  name: string;
  fullname: string;
  type: "user";
  avatarUrl: string;
  isPro: boolean;
  isHf: boolean;
  isMod: boolean;
}

/** Names of users by id, for the authors of discussions and comments (a deleted user is "deleted"). */
export async function authorsById(db: Kysely<Database>, ids: string[]): Promise<Map<string, WireAuthor>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom("users").select(["id", "name"]).where("id", "in", unique).execute();
  return new Map(
    rows.map((row) => [
      row.id,
      {
        _id: row.id,
        name: row.name,
        fullname: row.name,
        type: "user",
        avatarUrl: "",
        isPro: false,
        isHf: false,
        isMod: false,
      },
    ]),
  );
}

/**
 * `GET /api/{type}s/{id}[/revision/{rev}]`: the fields `huggingface_hub`'s ModelInfo / DatasetInfo / SpaceInfo
 * read, at one revision (its commit id and files). With `blobs` (`files_metadata=True`) each sibling also has its
 * size and blob id; the card's front matter gives `cardData` and `tags`.
 */
export function repoInfo(repo: SandboxRepo, at: { sha: string; files: FileEntry[]; blobs: boolean; card: CardInfo }) {
  const slash = repo.name.indexOf("/");
  const files = [...at.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    _id: repo.id,
    id: repo.name,
    ...(slash !== -1 && { author: repo.name.slice(0, slash) }),
    sha: at.sha,
    private: repo.private,
    disabled: false,
    gated: repo.gated,
    downloads: 0,
    likes: 0,
    tags: at.card.tags,
    ...(at.card.cardData && { cardData: at.card.cardData }),
    ...(at.card.pipelineTag && { pipeline_tag: at.card.pipelineTag }),
    ...(at.card.libraryName && { library_name: at.card.libraryName }),
    createdAt: new Date(repo.createdAt).toISOString(),
    lastModified: new Date(repo.updatedAt).toISOString(),
    siblings: files.map((file) => (at.blobs ? blobSibling(file) : { rfilename: file.path })),
    ...(repo.type === "space" && { sdk: repo.sdk ?? "docker", subdomain: spaceSubdomain(repo.name) }),
  };
}

/** A sibling with `files_metadata=True`: its size and blob id, and for an LFS file the object's sha256. */
function blobSibling(file: FileEntry) {
  const size = Number(file.size);
  if (!file.lfs_sha256) return { rfilename: file.path, size, blobId: file.oid };
  const { oid, pointerSize } = lfsInfo(file.lfs_sha256, size);
  return { rfilename: file.path, size, blobId: file.oid, lfs: { size, sha256: oid, pointerSize } };
}

/** One event of a discussion as `huggingface_hub`'s `deserialize_event` reads it. */
export function wireEvent(row: SandboxDiscussionEventRow, authors: Map<string, WireAuthor>) {
  const data = JSON.parse(row.data) as Record<string, unknown>;
  const author = authors.get(row.author_id);
  const base = {
    id: row.id,
    type: row.type,
    createdAt: new Date(Number(row.created_at)).toISOString(),
    ...(author && { author }),
  };
  if (row.type !== "comment") return { ...base, data };
  const comment = data as unknown as CommentData;
  const raw = comment.hidden ? "" : comment.content;
  return {
    ...base,
    data: {
      edited: comment.history.length > 0,
      hidden: comment.hidden,
      numEdits: comment.history.length,
      editors: [...new Set(comment.history.map((entry) => authors.get(entry.authorId)?.name ?? "deleted"))],
      reactions: [],
      isReport: false,
      latest: {
        raw,
        html: `<p>${escapeHtml(raw)}</p>`,
        updatedAt: new Date(Number(row.updated_at)).toISOString(),
        ...(author && { author }),
      },
      history: comment.history.map((entry) => ({ raw: entry.content, updatedAt: new Date(entry.at).toISOString() })),
    },
  };
}

/** A discussion in lists (`GET …/discussions`) and, with its events, in full (`GET …/discussions/{num}`). */
export function wireDiscussion(discussion: Discussion, repo: SandboxRepo, authors: Map<string, WireAuthor>) {
  const author = authors.get(discussion.authorId);
  return {
    id: discussion.id,
    num: discussion.num,
    title: discussion.title,
    status: discussion.status,
    isPullRequest: discussion.isPullRequest,
    createdAt: new Date(discussion.createdAt).toISOString(),
    ...(author && { author }),
    repo: { name: repo.name, type: repo.type },
    pinned: false,
    locked: false,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
