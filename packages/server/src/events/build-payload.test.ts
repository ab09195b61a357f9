import { EventInputSchema, WebhookPayloadSchema } from "@hubhooks/schemas";
import { describe, expect, it } from "vitest";
import { withWebhookBlock } from "../core/delivery-body.js";
import { buildBasePayload } from "./build-payload.js";

const context = {
  hubUrl: "https://huggingface.co",
  ownerId: "628b753283ef59b5be89e937",
  authorId: "61d2f90c3c2083e1c08af22d",
};
const SHA = "c379e821c9c95d613899e8c4343e4bfee2b0c600";

function payload(input: object, webhookId = "6390e855e30d9209411de93b") {
  const base = buildBasePayload(EventInputSchema.parse(input), context);
  return JSON.parse(withWebhookBlock(JSON.stringify(base), webhookId));
}

describe("payloads as the Hub sends them", () => {
  it("repo.content on a model: URLs, owner, headSha, updatedRefs, webhook block", () => {
    const p = payload({
      event: { action: "update", scope: "repo.content" },
      repo: { type: "model", name: "openai-community/gpt2", headSha: SHA },
      updatedRefs: [{ ref: "refs/heads/main", oldSha: "ce9a4674fa833a68d5a73ec355f0ea95eedd60b7", newSha: SHA }],
    });
    expect(Object.keys(p)).toEqual(["event", "repo", "updatedRefs", "webhook"]);
    expect(p.event).toEqual({ action: "update", scope: "repo.content" });
    expect(p.repo).toEqual({
      type: "model",
      name: "openai-community/gpt2",
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      private: false,
      url: {
        web: "https://huggingface.co/openai-community/gpt2",
        api: "https://huggingface.co/api/models/openai-community/gpt2",
      },
      owner: { id: context.ownerId },
      headSha: SHA,
    });
    expect(p.webhook).toEqual({ id: "6390e855e30d9209411de93b", version: 3 });
    expect(WebhookPayloadSchema.parse(p).repo.headSha).toBe(SHA);
  });

  it("gives the same repo the same id in every event", () => {
    const event = { event: { action: "update", scope: "repo" }, repo: { type: "dataset", name: "a/b" } };
    expect(payload(event).repo.id).toBe(payload(event).repo.id);
    expect(payload(event).repo.url.web).toBe("https://huggingface.co/datasets/a/b");
  });

  it("spaces get a subdomain and /spaces/ URLs", () => {
    const p = payload({
      event: { action: "create", scope: "repo" },
      repo: { type: "space", name: "Wauplin/Leader_board" },
    });
    expect(p.repo.subdomain).toBe("wauplin-leader-board");
    expect(p.repo.url).toEqual({
      web: "https://huggingface.co/spaces/Wauplin/Leader_board",
      api: "https://huggingface.co/api/spaces/Wauplin/Leader_board",
    });
  });

  it("discussion events carry discussion and comment, never headSha", () => {
    const p = payload({
      event: { action: "create", scope: "discussion" },
      repo: { type: "model", name: "openai-community/gpt2", headSha: SHA },
      discussion: { num: 19, title: "Update co2 emissions", isPullRequest: true },
      comment: { content: "Add co2 emissions information to the model card" },
    });
    expect(p.repo).not.toHaveProperty("headSha");
    expect(p.discussion).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      title: "Update co2 emissions",
      url: {
        web: "https://huggingface.co/openai-community/gpt2/discussions/19",
        api: "https://huggingface.co/api/models/openai-community/gpt2/discussions/19",
      },
      status: "open",
      author: { id: context.authorId },
      num: 19,
      isPullRequest: true,
      changes: { base: "refs/heads/main" },
    });
    expect(p.comment).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      author: { id: context.authorId },
      content: "Add co2 emissions information to the model card",
      hidden: false,
      url: { web: `https://huggingface.co/openai-community/gpt2/discussions/19#${p.comment.id}` },
    });
  });

  it("a hidden comment has no content", () => {
    const p = payload({
      event: { action: "update", scope: "discussion.comment" },
      repo: { type: "model", name: "a/b" },
      discussion: { num: 2, title: "t" },
      comment: { content: "rude", hidden: true },
    });
    expect(p.comment).not.toHaveProperty("content");
    expect(p.comment.hidden).toBe(true);
    expect(p.discussion).not.toHaveProperty("changes");
  });

  it("repo.config carries updatedConfig; a move carries movedTo", () => {
    const config = payload({
      event: { action: "update", scope: "repo.config" },
      repo: { type: "model", name: "a/b", private: true },
      updatedConfig: { private: true },
    });
    expect(config.updatedConfig).toEqual({ private: true });
    expect(config.repo.private).toBe(true);
    const moved = payload({
      event: { action: "move", scope: "repo" },
      repo: { type: "model", name: "a/b" },
      movedTo: { name: "c/d" },
    });
    expect(moved.movedTo).toEqual({ name: "c/d", owner: { id: expect.stringMatching(/^[0-9a-f]{24}$/) } });
  });
});
