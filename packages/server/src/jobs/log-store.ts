import type { Kysely } from "kysely";
import type { Database } from "../store/schema.js";

export interface LogLine {
  seq: number;
  at: number;
  line: string;
}

/** Lines of a job's log after `seq`, in order. */
export async function linesAfter(db: Kysely<Database>, jobId: string, seq: number, limit = 1000): Promise<LogLine[]> {
  return db
    .selectFrom("job_logs")
    .select(["seq", "at", "line"])
    .where("job_id", "=", jobId)
    .where("seq", ">", seq)
    .orderBy("seq")
    .limit(limit)
    .execute();
}

/** The seq before the last `tail` lines: where a `?tail=N` stream starts. */
export async function seqBeforeTail(db: Kysely<Database>, jobId: string, tail: number): Promise<number> {
  if (tail === 0) {
    const last = await db
      .selectFrom("job_logs")
      .select((eb) => eb.fn.max("seq").as("seq"))
      .where("job_id", "=", jobId)
      .executeTakeFirst();
    return Number(last?.seq ?? -1);
  }
  const rows = await db
    .selectFrom("job_logs")
    .select("seq")
    .where("job_id", "=", jobId)
    .orderBy("seq", "desc")
    .limit(tail)
    .execute();
  const first = rows.at(-1);
  return rows.length < tail || !first ? -1 : first.seq - 1;
}

/** Appends lines (numbered on from `firstSeq`) and counts them on the job, in one transaction. */
export async function appendLines(
  db: Kysely<Database>,
  jobId: string,
  firstSeq: number,
  lines: Array<{ at: number; line: string }>,
  bytes: number,
): Promise<void> {
  if (lines.length === 0) return;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("job_logs")
      .values(lines.map((entry, index) => ({ job_id: jobId, seq: firstSeq + index, ...entry })))
      .execute();
    await trx
      .updateTable("jobs")
      .set((eb) => ({
        log_lines: eb("log_lines", "+", lines.length),
        log_bytes: eb("log_bytes", "+", bytes),
      }))
      .where("id", "=", jobId)
      .execute();
  });
}
