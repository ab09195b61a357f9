import { describe, expect, it } from "vitest";
import { EXAMPLE_DISCUSSION_CREATED, EXAMPLE_DISCUSSION_UPDATED, EXAMPLE_REPO_CONTENT_UPDATED } from "./examples.js";
import { WebhookPayloadSchema } from "./payload.js";

// The huggingface_hub test fixture, verbatim (legacy repo name without namespace).
const PYTHON_CREATE_DISCUSSION = {
  event: { action: "create", scope: "discussion" },
  repo: {
    type: "model",
    name: "gpt2",
    id: "621ffdc036468d709f17434d",
    private: false,
    url: { web: "https://huggingface.co/gpt2", api: "https://huggingface.co/api/models/gpt2" },
    owner: { id: "628b753283ef59b5be89e937" },
  },
  discussion: {
    id: "6399f58518721fdd27fc9ca9",
    title: "Update co2 emissions",
    url: {
      web: "https://huggingface.co/gpt2/discussions/19",
      api: "https://huggingface.co/api/models/gpt2/discussions/19",
    },
    status: "open",
    author: { id: "61d2f90c3c2083e1c08af22d" },
    num: 19,
    isPullRequest: true,
    changes: { base: "refs/heads/main" },
  },
  comment: {
    id: "6399f58518721fdd27fc9caa",
    author: { id: "61d2f90c3c2083e1c08af22d" },
    content: "Add co2 emissions information to the model card",
    hidden: false,
    url: { web: "https://huggingface.co/gpt2/discussions/19#6399f58518721fdd27fc9caa" },
  },
  webhook: { id: "6390e855e30d9209411de93b", version: 3 },
};

const base = EXAMPLE_REPO_CONTENT_UPDATED;

describe("WebhookPayloadSchema", () => {
  it("parses the Python library's discussion fixture with its comment", () => {
    const payload = WebhookPayloadSchema.parse(PYTHON_CREATE_DISCUSSION);
    expect(payload.event.scope).toBe("discussion");
    expect(payload.comment?.content).toBe("Add co2 emissions information to the model card");
  });

  it("parses a discussion update without a comment", () => {
    const payload = WebhookPayloadSchema.parse(EXAMPLE_DISCUSSION_UPDATED);
    expect(payload.comment).toBeUndefined();
    expect(payload.discussion?.status).toBe("closed");
  });

  it("parses updatedRefs with a null oldSha, and keeps headSha", () => {
    const payload = WebhookPayloadSchema.parse(EXAMPLE_REPO_CONTENT_UPDATED);
    expect(payload.updatedRefs?.[0]).toEqual({
      ref: "refs/pr/5",
      oldSha: null,
      newSha: "227c78346870a85e5de4fff8a585db68df975406",
    });
    expect(payload.repo.headSha).toBe("5e7f29fffcc579cb52539fddb14a1a4f85f39e44");
    expect(payload.repo.subdomain).toBe("wauplin-gradio-user-history");
  });

  it("parses the docs' example with the current namespaced repo", () => {
    expect(WebhookPayloadSchema.parse(EXAMPLE_DISCUSSION_CREATED).discussion?.num).toBe(19);
  });

  it("maps the library's head_sha spelling to headSha", () => {
    const { headSha: _, ...repo } = base.repo;
    const payload = WebhookPayloadSchema.parse({ ...base, repo: { ...repo, head_sha: "abc123" } });
    expect(payload.repo.headSha).toBe("abc123");
    expect(payload.repo).not.toHaveProperty("head_sha");
  });

  it("parses the docs' repo sample with tags, updatedConfig and movedTo", () => {
    const payload = WebhookPayloadSchema.parse({
      ...base,
      event: { action: "update", scope: "repo.config" },
      repo: { ...base.repo, tags: ["license:other", "has_space"] },
      updatedConfig: { private: false },
      movedTo: { name: "new-owner/new-name", owner: { id: "61d2000c3c2083e1c08af22d" } },
    });
    expect(payload.repo.tags).toEqual(["license:other", "has_space"]);
    expect(payload.updatedConfig).toEqual({ private: false });
    expect(payload.movedTo?.name).toBe("new-owner/new-name");
  });

  it("accepts a hidden comment without content", () => {
    const { content: _, ...comment } = EXAMPLE_DISCUSSION_CREATED.comment;
    const payload = WebhookPayloadSchema.parse({
      ...EXAMPLE_DISCUSSION_CREATED,
      comment: { ...comment, hidden: true },
    });
    expect(payload.comment?.content).toBeUndefined();
  });

  it("keeps unknown keys at every level and accepts new actions, scopes and repo types", () => {
    const payload = WebhookPayloadSchema.parse({
      ...base,
      brandNew: { nested: true },
      event: { action: "rename", scope: "repo.config.dois" },
      repo: { ...base.repo, type: "bucket", gitalyUid: "583c" },
    });
    expect(payload).toMatchObject({ brandNew: { nested: true } });
    expect(payload.repo).toMatchObject({ gitalyUid: "583c", type: "bucket" });
    expect(payload.event.action).toBe("rename");
  });

  it("rejects a payload without event or repo, with the issue paths", () => {
    const result = WebhookPayloadSchema.safeParse({ repo: { ...base.repo, private: "no" }, webhook: base.webhook });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["event", "repo.private"]));
  });
});
