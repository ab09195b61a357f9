import { type EventInput, EventInputSchema, type WatchedItem } from "@hubhooks/schemas";

export const TEST_SCOPES = ["repo.content", "repo", "repo.config", "discussion", "discussion.comment"] as const;
export type TestScope = (typeof TEST_SCOPES)[number];

const sha = () => Array.from({ length: 40 }, () => "0123456789abcdef"[Math.floor(Math.random() * 16)]).join("");

/**
 * A realistic event of `scope` about what the webhook watches: its first watched repo, or a model of its first
 * watched user or org. Goes through the same schema as published events.
 */
export function testEventInput(scope: TestScope, watched: WatchedItem[]): EventInput {
  const first = watched[0] ?? { type: "user", name: "hubhooks" };
  const repo =
    first.type === "user" || first.type === "org"
      ? { type: "model" as const, name: `${first.name}/test-model` }
      : { type: first.type, name: first.name };
  const headSha = sha();
  const isDiscussion = scope.startsWith("discussion");
  return EventInputSchema.parse({
    event: { action: isDiscussion ? "create" : "update", scope },
    repo: { ...repo, ...(!isDiscussion && { headSha }) },
    ...(scope === "repo.content" && { updatedRefs: [{ ref: "refs/heads/main", oldSha: sha(), newSha: headSha }] }),
    ...(scope === "repo.config" && { updatedConfig: { private: false } }),
    ...(isDiscussion && {
      discussion: { num: 1, title: "Test event from hubhooks", isPullRequest: false },
      comment: { content: "This is a test event sent from the webhook's page." },
    }),
  });
}
