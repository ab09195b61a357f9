import { createServer, createUser, type HubhooksServer } from "@hubhooks/server";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../../test-support/databases.js";
import { HubApiError } from "../error.js";
import type { CredentialsParams } from "../types/public.js";
import { changeDiscussionStatus } from "./change-discussion-status.js";
import { commentDiscussion } from "./comment-discussion.js";
import { createDiscussion } from "./create-discussion.js";
import { createPullRequest } from "./create-pull-request.js";
import { createRepo } from "./create-repo.js";
import { deleteRepo } from "./delete-repo.js";
import { editDiscussionComment } from "./edit-discussion-comment.js";
import { getDiscussion } from "./get-discussion.js";
import { hideDiscussionComment } from "./hide-discussion-comment.js";
import { listDiscussions } from "./list-discussions.js";
import { mergePullRequest } from "./merge-pull-request.js";
import { moveRepo } from "./move-repo.js";
import { renameDiscussion } from "./rename-discussion.js";
import { updateRepoSettings } from "./update-repo-settings.js";
import { uploadFile } from "./upload-file.js";
import { whoAmI } from "./who-am-i.js";

/** Every repo and discussion function against a real hubhooks sandbox over HTTP. */
describe("repo and discussion functions against a hubhooks sandbox", () => {
  let database: TestDatabase;
  let server: HubhooksServer;
  let alice: CredentialsParams;
  let bob: CredentialsParams;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    server = await createServer({ database: database.location, logger: pino({ level: "silent" }) });
    const hubUrl = await server.listen({ port: 0 });
    alice = { hubUrl, accessToken: (await createUser(server.db, "alice")).token };
    bob = { hubUrl, accessToken: (await createUser(server.db, "bob")).token };
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it("whoAmI names the user and the id its changes carry", async () => {
    const me = await whoAmI(alice);
    expect(me).toMatchObject({ name: "alice", type: "user", orgs: [] });
    expect(me.id).toMatch(/^[0-9a-f]{24}$/);
  });

  it("creates, uploads to, changes, moves and deletes a repo", async () => {
    const { repoUrl, id } = await createRepo({ ...alice, repo: "datasets/alice/data" });
    expect(repoUrl).toBe(`${alice.hubUrl}/datasets/alice/data`);
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    const { commit } = await uploadFile({
      ...alice,
      repo: { type: "dataset", name: "alice/data" },
      file: { path: "notes/é.txt", content: new Blob(["héllo"]) },
      commitTitle: "Add notes",
    });
    expect(commit.url).toBe(`${alice.hubUrl}/datasets/alice/data/commit/${commit.oid}`);
    const file = await fetch(`${alice.hubUrl}/datasets/alice/data/resolve/main/notes/%C3%A9.txt`);
    expect(await file.text()).toBe("héllo");
    await updateRepoSettings({ ...alice, repo: "datasets/alice/data", private: true });
    expect((await fetch(`${alice.hubUrl}/api/datasets/alice/data`)).status).toBe(404);
    await moveRepo({ ...alice, repo: "datasets/alice/data", to: "alice/data2" });
    await deleteRepo({ ...alice, repo: "datasets/alice/data2" });
    const error = await deleteRepo({ ...alice, repo: "datasets/alice/data2" }).catch((e) => e);
    expect(error).toBeInstanceOf(HubApiError);
    expect(error.statusCode).toBe(404);
  });

  it("opens, comments, edits, hides, renames and closes a discussion; lists them", async () => {
    await createRepo({ ...alice, repo: "alice/chat" });
    const opened = await createDiscussion({ ...bob, repo: "alice/chat", title: "Question", description: "Hi" });
    expect(opened).toMatchObject({ num: 1, title: "Question", status: "open", isPullRequest: false, author: "bob" });
    expect(opened.events[0]).toMatchObject({ type: "comment", content: "Hi", author: "bob", hidden: false });
    const comment = await commentDiscussion({ ...alice, repo: "alice/chat", num: 1, comment: "Hello bob" });
    expect(comment).toMatchObject({ type: "comment", content: "Hello bob", author: "alice", edited: false });
    const edited = await editDiscussionComment({
      ...alice,
      repo: "alice/chat",
      num: 1,
      commentId: comment.id,
      content: "Hi bob",
    });
    expect(edited).toMatchObject({ content: "Hi bob", edited: true });
    expect(await hideDiscussionComment({ ...alice, repo: "alice/chat", num: 1, commentId: comment.id })).toMatchObject({
      hidden: true,
      content: "",
    });
    expect(await renameDiscussion({ ...bob, repo: "alice/chat", num: 1, title: "A question" })).toMatchObject({
      type: "title-change",
      data: { from: "Question", to: "A question" },
    });
    expect(
      await changeDiscussionStatus({ ...alice, repo: "alice/chat", num: 1, status: "closed", comment: "Done" }),
    ).toMatchObject({
      type: "status-change",
      data: { status: "closed" },
    });
    const all = [];
    for await (const discussion of listDiscussions({ ...alice, repo: "alice/chat" })) all.push(discussion);
    expect(all.map((d) => [d.num, d.title, d.status])).toEqual([[1, "A question", "closed"]]);
    const open = [];
    for await (const discussion of listDiscussions({ ...alice, repo: "alice/chat", status: "open" }))
      open.push(discussion);
    expect(open).toEqual([]);
    const thread = await getDiscussion({ ...alice, repo: "alice/chat", num: 1 });
    expect(thread.events.map((e) => e.type)).toEqual([
      "comment",
      "comment",
      "title-change",
      "status-change",
      "comment",
    ]);
  });

  it("opens a draft pull request, pushes to its ref and merges it", async () => {
    const pr = await createPullRequest({ ...bob, repo: "alice/chat", title: "Add a file" });
    expect(pr).toMatchObject({ num: 2, isPullRequest: true, status: "draft" });
    await uploadFile({
      ...bob,
      repo: "alice/chat",
      file: { path: "a.txt", content: "a" },
      branch: `refs/pr/${pr.num}`,
    });
    const refused = await mergePullRequest({ ...bob, repo: "alice/chat", num: pr.num }).catch((e) => e);
    expect(refused.statusCode).toBe(403);
    await mergePullRequest({ ...alice, repo: "alice/chat", num: pr.num, comment: "Thanks" });
    const merged = await getDiscussion({ ...alice, repo: "alice/chat", num: pr.num });
    expect(merged.status).toBe("merged");
    expect(merged.mergeCommitId).toMatch(/^[0-9a-f]{40}$/);
    const viaPr = await uploadFile({
      ...bob,
      repo: "alice/chat",
      file: { path: "b.txt", content: "b" },
      isPullRequest: true,
    });
    expect(viaPr.pullRequestUrl).toBe(`${alice.hubUrl}/alice/chat/discussions/3`);
  });
});
