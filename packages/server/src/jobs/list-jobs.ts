import type { Kysely } from "kysely";
import { apiError } from "../core/errors.js";
import type { Database, JobRow } from "../store/schema.js";
import { listJobs } from "./job-store.js";

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;

/**
 * One page of a namespace's jobs, newest first, and the absolute URL of the next one (huggingface_hub follows
 * `Link: <…>; rel="next"` as GitHub's API does). The cursor is the last job's `createdAt.id`.
 */
export async function listJobsPage(
  db: Kysely<Database>,
  ownerId: string,
  requestUrl: string,
  publicUrl: string | null,
  query: { stages: string[]; labels: Array<[string, string]>; limit?: string | undefined; cursor?: string | undefined },
): Promise<{ rows: JobRow[]; next: string | undefined }> {
  const limit = query.limit === undefined ? DEFAULT_PAGE : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw apiError(400, `limit: must be 1 to ${MAX_PAGE}`);
  let before: { createdAt: number; id: string } | undefined;
  if (query.cursor !== undefined) {
    const match = /^(\d{1,15})\.([0-9a-f]{24})$/.exec(query.cursor);
    if (!match) throw apiError(400, "cursor: not a cursor this server gave");
    before = { createdAt: Number(match[1]), id: match[2] as string };
  }
  const rows = await listJobs(db, ownerId, { stages: query.stages, labels: query.labels, before, limit });
  const last = rows.at(-1);
  if (rows.length < limit || !last) return { rows, next: undefined };
  const url = new URL(requestUrl);
  const base = publicUrl ? new URL(url.pathname + url.search, publicUrl) : url;
  base.searchParams.set("cursor", `${last.created_at}.${last.id}`);
  return { rows, next: base.toString() };
}
