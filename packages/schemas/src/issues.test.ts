import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formatIssues } from "./issues.js";

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  if (result.success) throw new Error("expected a failure");
  return formatIssues(result.error);
};

describe("formatIssues", () => {
  it("names a field once, with its full path", () => {
    const url = z.string().refine(() => false, { message: "url must be an absolute http(s) URL" });
    expect(issuesOf(z.object({ url }), { url: "x" })).toBe("url must be an absolute http(s) URL");
    expect(issuesOf(z.object({ hooks: z.array(z.object({ url })) }), { hooks: [{ url: "x" }] })).toBe(
      "hooks.0.url must be an absolute http(s) URL",
    );
  });

  it("puts the path before a message that does not name the field", () => {
    expect(issuesOf(z.object({ domains: z.array(z.enum(["repo"])) }), { domains: ["x"] })).toMatch(/^domains\.0: /);
    expect(issuesOf(z.string({ error: "body must be a string" }), 1)).toBe("body must be a string");
  });
});
