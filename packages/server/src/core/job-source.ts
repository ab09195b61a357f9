import type { JobSpecWire } from "@hubhooks/schemas";
import type { Kysely } from "kysely";
import type { Database } from "../store/schema.js";
import { jobSpecWire, parseStoredSpec } from "./job-spec.js";

/**
 * Whether `jobId` may be the source of `accountId`'s job webhook: a job in their own namespace or in one of
 * their orgs'. Anything else reads as missing, so another user's job ids reveal nothing.
 */
export async function isJobSourceOf(db: Kysely<Database>, accountId: string, jobId: string): Promise<boolean> {
  const row = await db
    .selectFrom("jobs")
    .select("id")
    .where("id", "=", jobId)
    .where((eb) =>
      eb.or([
        eb("owner_id", "=", accountId),
        eb("owner_id", "in", eb.selectFrom("org_members").select("org_id").where("user_id", "=", accountId)),
      ]),
    )
    .executeTakeFirst();
  return row !== undefined;
}

/** The specs of source jobs by id, as a job webhook returns them; a job that is gone is left out. */
export async function jobSpecsOf(db: Kysely<Database>, ids: string[]): Promise<Map<string, JobSpecWire>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("jobs").select(["id", "spec", "labels"]).where("id", "in", ids).execute();
  return new Map(
    rows.map((row) => [row.id, jobSpecWire(parseStoredSpec(row.spec), row.labels ? JSON.parse(row.labels) : null)]),
  );
}
