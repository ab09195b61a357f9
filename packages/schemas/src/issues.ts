import type { z } from "zod";

/** One readable line per zod issue: "watched.0.type: type must be one of …". */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
}
