import { z } from "zod";

export const DOMAINS = ["repo", "discussion"] as const;
export type Domain = (typeof DOMAINS)[number];

/** Domains when a create request gives none: every domain, as on the Hub. */
export const DEFAULT_DOMAINS: readonly Domain[] = DOMAINS;

// The Python client's type hints spell the community domain "discussions"; the Hub and every example say
// "discussion". Accept both, store and return the singular.
export const DomainInputSchema = z
  .enum(["repo", "discussion", "discussions"], {
    error: 'domain must be "repo" or "discussion"',
  })
  .transform((value): Domain => (value === "discussions" ? "discussion" : value));

export const DomainListSchema = z
  .array(DomainInputSchema, { error: "domains must be an array" })
  .min(1, "domains must not be empty")
  .transform((domains) => DOMAINS.filter((domain) => domains.includes(domain)));

/** The domain that covers an event scope: "repo.content" → "repo", "discussion.comment" → "discussion". */
export function domainOfScope(scope: string): Domain | undefined {
  const root = scope.split(".", 1)[0];
  return DOMAINS.find((domain) => domain === root);
}
