import type { z } from "zod";

/**
 * One readable line per zod issue: "domains.0: expected one of …". A message that already names its field
 * ("url must be an absolute http(s) URL") gets the full path in place of that name ("watched.0.type must be …"),
 * never the name twice ("url: url must …").
 */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      if (issue.path.length === 0) return issue.message;
      const path = issue.path.join(".");
      const field = String(issue.path.at(-1));
      if (issue.message.startsWith(`${field} `)) return `${path}${issue.message.slice(field.length)}`;
      return `${path}: ${issue.message}`;
    })
    .join("; ");
}
