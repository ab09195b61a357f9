import { structuredPatch } from "diff";
import type { Kysely } from "kysely";
import type { Database } from "../store/schema.js";
import { fileAt } from "./content-store.js";
import { MAIN_REF } from "./repo-store.js";

/** A diff past this many bytes stops there (a pull request of many 1 MiB files would make a huge answer). */
export const MAX_DIFF_BYTES = 1024 * 1024;
/** Past this many edits in one file, its diff is left out: Myers' algorithm is quadratic in the edit count. */
const MAX_EDITS = 20_000;

const isText = (bytes: Buffer) => !bytes.includes(0) && Buffer.from(bytes.toString("utf8"), "utf8").equals(bytes);

/** One file's part of a git diff: headers, then its hunks (or a line saying it is binary or too big). */
function fileDiff(path: string, before: Buffer | undefined, after: Buffer | undefined, oids: [string, string]): string {
  const header = [
    `diff --git a/${path} b/${path}`,
    ...(before ? [] : ["new file mode 100644"]),
    ...(after ? [] : ["deleted file mode 100644"]),
    `index ${oids[0].slice(0, 7)}..${oids[1].slice(0, 7)}`,
  ];
  const from = before ? `a/${path}` : "/dev/null";
  const to = after ? `b/${path}` : "/dev/null";
  if ((before && !isText(before)) || (after && !isText(after))) {
    return [...header, `Binary files ${from} and ${to} differ`, ""].join("\n");
  }
  const patch = structuredPatch(from, to, before?.toString("utf8") ?? "", after?.toString("utf8") ?? "", "", "", {
    context: 3,
    maxEditLength: MAX_EDITS,
  });
  if (!patch) return [...header, "(changes too large to show)", ""].join("\n");
  const hunks = patch.hunks.map((hunk) =>
    // git numbers an empty side's range from 0 ("@@ -0,0 +1,2 @@"), jsdiff from 1.
    [
      `@@ -${hunk.oldLines ? hunk.oldStart : 0},${hunk.oldLines} +${hunk.newLines ? hunk.newStart : 0},${hunk.newLines} @@`,
      ...hunk.lines,
    ].join("\n"),
  );
  return [...header, `--- ${from}`, `+++ ${to}`, ...hunks, ""].join("\n");
}

/**
 * The raw diff of a pull request against main, as the Hub puts it in `get_discussion_details` (`diff`): one git
 * diff part per file the pull request changes, read one file at a time, stopping at `MAX_DIFF_BYTES`.
 */
export async function pullRequestDiff(db: Kysely<Database>, repoId: string, ref: string): Promise<string> {
  const changed = await db
    .selectFrom("sandbox_files")
    .select("path")
    .where("repo_id", "=", repoId)
    .where("ref", "=", ref)
    .orderBy("path")
    .execute();
  let diff = "";
  let bytes = 0;
  for (const { path } of changed) {
    const before = await fileAt(db, repoId, MAIN_REF, path, { content: true });
    const after = await fileAt(db, repoId, ref, path, { content: true });
    if (before?.oid === after?.oid) continue;
    const part = fileDiff(
      path,
      before && Buffer.from(before.content ?? "", "base64"),
      after && Buffer.from(after.content ?? "", "base64"),
      [before?.oid ?? "0000000", after?.oid ?? "0000000"],
    );
    bytes += Buffer.byteLength(part);
    if (bytes > MAX_DIFF_BYTES) return `${diff}(diff truncated at ${MAX_DIFF_BYTES} bytes)\n`;
    diff += part;
  }
  return diff;
}
