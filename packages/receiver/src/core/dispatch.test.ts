import { EXAMPLE_DISCUSSION_CREATED, EXAMPLE_REPO_CONTENT_UPDATED } from "@hubhooks/schemas";
import { describe, expect, it } from "vitest";
import { WebhooksServer } from "../webhooks-server.js";
import { dispatchTargets } from "./dispatch.js";

const silent = { info: () => {}, warn: () => {}, error: () => {} };

describe("scope dispatch", () => {
  it("fires *, the scope and scope.action for a known scope", () => {
    expect(dispatchTargets("discussion.comment", "create").map((t) => t.name)).toEqual([
      "*",
      "discussion.comment",
      "discussion.comment.create",
    ]);
  });

  it("lifts an unknown narrower scope to the nearest known one as an update", () => {
    const targets = dispatchTargets("repo.config.dois", "create");
    expect(targets.map((t) => t.name)).toEqual([
      "*",
      "repo.config.dois",
      "repo.config.dois.create",
      "repo.config",
      "repo.config.update",
    ]);
    expect(targets.at(-1)).toMatchObject({ scope: "repo.config", action: "update" });
  });

  it("routes deliveries to on() listeners on any route, including lifted events", async () => {
    const app = new WebhooksServer({ logger: silent });
    app.addWebhook("events");
    const calls: string[] = [];
    app.on("*", (p) => void calls.push(`*:${p.event.scope}`));
    app.on("repo.content", () => void calls.push("repo.content"));
    app.on("discussion.comment.create", () => void calls.push("comment.create"));
    app.on("discussion.create", () => void calls.push("discussion.create"));
    app.on("repo.config.update", (_p, ctx) => void calls.push(`config.update:${ctx.event.action}`));

    const send = (payload: object) =>
      app.fetch(new Request("http://localhost/webhooks/events", { method: "POST", body: JSON.stringify(payload) }));
    expect((await send(EXAMPLE_REPO_CONTENT_UPDATED)).status).toBe(200);
    await send(EXAMPLE_DISCUSSION_CREATED);
    await send({ ...EXAMPLE_DISCUSSION_CREATED, event: { action: "create", scope: "discussion.comment" } });
    await send({ ...EXAMPLE_REPO_CONTENT_UPDATED, event: { action: "create", scope: "repo.config.dois" } });
    expect(calls).toEqual([
      "*:repo.content",
      "repo.content",
      "*:discussion",
      "discussion.create",
      "*:discussion.comment",
      "comment.create",
      "*:repo.config.dois",
      "config.update:update",
    ]);
  });
});
