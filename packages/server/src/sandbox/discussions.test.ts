import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestReceiver } from "../../../../test-support/receiver.js";
import { DIALECTS, useServer } from "../test-support/harness.js";
import { ndjsonCommit, OBJECT_ID, SHA, sandboxKit } from "../test-support/sandbox-kit.js";

describe.each(DIALECTS)("sandbox discussions on %s", (dialect) => {
  const h = useServer(dialect, { worker: true, delivery: { publicHubUrl: "http://hub.test" } });
  const receiver = new TestReceiver();
  const kit = sandboxKit(h, receiver);
  let alice: { id: string; token: string };
  let bob: { id: string; token: string };
  const api = "/api/models/alice/chat";
  const web = "http://hub.test/alice/chat";
  beforeAll(async () => {
    await receiver.start();
    alice = await h.user("alice");
    bob = await h.user("bob");
    await kit.json(h.call(alice.token, "POST", "/api/repos/create", { name: "chat" }));
    await kit.webhook(alice.token, "/community", [{ type: "model", name: "alice/chat" }], ["discussion"]);
  });
  afterAll(() => receiver.stop());

  it("opens a discussion (huggingface_hub body), firing discussion create with the first comment", async () => {
    // create_discussion: {"title", "description", "pullRequest"}
    const opened = await kit.json(
      h.call(bob.token, "POST", `${api}/discussions`, { title: "Hello", description: "First!", pullRequest: false }),
    );
    expect(opened).toMatchObject({ num: 1, pullRequest: false, url: `${web}/discussions/1` });
    const [payload] = await kit.payloads("/community", 1);
    expect(payload).toEqual({
      event: { action: "create", scope: "discussion" },
      repo: {
        type: "model",
        name: "alice/chat",
        id: expect.stringMatching(OBJECT_ID),
        private: false,
        url: { web, api: `http://hub.test${api}` },
        owner: { id: alice.id },
      },
      discussion: {
        id: expect.stringMatching(OBJECT_ID),
        num: 1,
        title: "Hello",
        status: "open",
        isPullRequest: false,
        author: { id: bob.id },
        url: { web: `${web}/discussions/1`, api: `http://hub.test${api}/discussions/1` },
      },
      comment: {
        id: expect.stringMatching(OBJECT_ID),
        author: { id: bob.id },
        content: "First!",
        hidden: false,
        url: { web: `${web}/discussions/1#${payload?.comment.id}` },
      },
      webhook: { id: expect.stringMatching(OBJECT_ID), version: 3 },
    });
  });

  it("comments, edits and hides, with the answers deserialize_event reads and the events the Hub fires", async () => {
    const { newMessage } = await kit.json(
      h.call(alice.token, "POST", `${api}/discussions/1/comment`, { comment: "Hi @bob" }),
    );
    expect(newMessage).toMatchObject({
      id: expect.stringMatching(OBJECT_ID),
      type: "comment",
      createdAt: expect.any(String),
      author: { name: "alice" },
      data: { edited: false, hidden: false, latest: { raw: "Hi @bob" } },
    });
    const edited = await kit.json(
      h.call(alice.token, "POST", `${api}/discussions/1/comment/${newMessage.id}/edit`, { content: "Hi @bob!" }),
    );
    expect(edited.updatedComment.data).toMatchObject({ edited: true, latest: { raw: "Hi @bob!" } });
    expect(
      (await h.call(bob.token, "POST", `${api}/discussions/1/comment/${newMessage.id}/edit`, { content: "no" })).status,
    ).toBe(403);
    // Found by the fuzz suite: PostgreSQL text cannot hold NUL, and a malformed comment id must not reach the query.
    expect((await h.call(bob.token, "POST", `${api}/discussions/1/comment`, { comment: "a\u0000b" })).status).toBe(400);
    // (The path guard refuses a NUL in any path segment before routing: 400.)
    expect((await h.call(alice.token, "POST", `${api}/discussions/1/comment/%00/edit`, { content: "x" })).status).toBe(
      400,
    );
    expect((await h.call(alice.token, "POST", `${api}/discussions/1/comment/zz/edit`, { content: "x" })).status).toBe(
      404,
    );
    const hidden = await kit.json(h.call(alice.token, "POST", `${api}/discussions/1/comment/${newMessage.id}/hide`));
    expect(hidden.updatedComment.data).toMatchObject({ hidden: true, latest: { raw: "" } });
    const [, created, update, hide] = await kit.payloads("/community", 4);
    expect(created).toMatchObject({
      event: { action: "create", scope: "discussion.comment" },
      comment: { id: newMessage.id, author: { id: alice.id }, content: "Hi @bob", hidden: false },
    });
    expect(update).toMatchObject({
      event: { action: "update", scope: "discussion.comment" },
      comment: { content: "Hi @bob!", hidden: false },
    });
    expect(hide).toMatchObject({ event: { action: "update", scope: "discussion.comment" }, comment: { hidden: true } });
    expect(hide?.comment).not.toHaveProperty("content");
    expect(created?.repo).not.toHaveProperty("headSha");
  });

  it("renames and closes (discussion update); lists and details in the shapes huggingface_hub parses", async () => {
    const { newTitle } = await kit.json(
      h.call(bob.token, "POST", `${api}/discussions/1/title`, { title: "Greetings" }),
    );
    expect(newTitle).toMatchObject({ type: "title-change", data: { from: "Hello", to: "Greetings" } });
    const { newStatus } = await kit.json(
      h.call(alice.token, "POST", `${api}/discussions/1/status`, { status: "closed" }),
    );
    expect(newStatus).toMatchObject({ type: "status-change", data: { status: "closed" } });
    const events = await kit.payloads("/community", 6);
    expect(events[4]).toMatchObject({
      event: { action: "update", scope: "discussion" },
      discussion: { title: "Greetings", status: "open" },
    });
    expect(events[5]).toMatchObject({
      event: { action: "update", scope: "discussion" },
      discussion: { status: "closed" },
    });
    const list = await kit.json(h.call(undefined, "GET", `${api}/discussions?p=0`));
    expect(list).toMatchObject({
      count: 1,
      start: 0,
      discussions: [
        {
          num: 1,
          title: "Greetings",
          status: "closed",
          isPullRequest: false,
          author: { name: "bob" },
          repo: { name: "alice/chat", type: "model" },
          createdAt: expect.any(String),
        },
      ],
    });
    const details = await kit.json(h.call(undefined, "GET", `${api}/discussions/1?diff=1`));
    expect(details.events.map((e: { type: string }) => e.type)).toEqual([
      "comment",
      "comment",
      "title-change",
      "status-change",
    ]);
    const carol = await h.user("carol");
    expect((await h.call(carol.token, "POST", `${api}/discussions/1/status`, { status: "open" })).status).toBe(403);
  });

  it("a pull request opens as a draft on refs/pr/N, opens on its first commit and merges into main", async () => {
    await kit.webhook(alice.token, "/content", [{ type: "model", name: "alice/chat" }], ["repo"]);
    const opened = await kit.json(
      h.call(bob.token, "POST", `${api}/discussions`, { title: "Add file", description: "", pullRequest: true }),
    );
    expect(opened.num).toBe(2);
    const head = (await kit.json(h.call(undefined, "GET", api))).sha;
    const [newRef] = await kit.payloads("/content", 1);
    expect(newRef).toMatchObject({
      event: { scope: "repo.content" },
      updatedRefs: [{ ref: "refs/pr/2", oldSha: null, newSha: head }],
    });
    expect((await kit.json(h.call(undefined, "GET", `${api}/discussions/2`))).status).toBe("draft");
    await kit.json(
      h.call(
        bob.token,
        "POST",
        `${api}/commit/${encodeURIComponent("refs/pr/2")}`,
        ndjsonCommit("Add a.txt", { "a.txt": "a" }),
      ),
    );
    expect((await kit.json(h.call(undefined, "GET", `${api}/discussions/2`))).status).toBe("open");
    expect((await h.call(bob.token, "POST", `${api}/discussions/2/merge`)).status).toBe(403);
    const merged = await kit.json(h.call(alice.token, "POST", `${api}/discussions/2/merge`));
    const details = await kit.json(h.call(undefined, "GET", `${api}/discussions/2`));
    expect(details).toMatchObject({
      status: "merged",
      isPullRequest: true,
      changes: { base: "refs/heads/main", mergeCommitId: merged.mergeCommitId },
      filesWithConflicts: [],
    });
    const files = (await kit.json(h.call(undefined, "GET", api))).siblings.map(
      (s: { rfilename: string }) => s.rfilename,
    );
    expect(files).toContain("a.txt");
    const content = await kit.payloads("/content", 3);
    expect(content[2]).toMatchObject({
      updatedRefs: [{ ref: "refs/heads/main", oldSha: head, newSha: merged.mergeCommitId }],
      repo: { headSha: merged.mergeCommitId },
    });
    const community = await kit.payloads("/community", 8);
    expect(community.at(-1)).toMatchObject({
      event: { action: "update", scope: "discussion" },
      discussion: {
        status: "merged",
        isPullRequest: true,
        changes: { base: "refs/heads/main", mergeCommitId: expect.stringMatching(SHA) },
      },
    });
  });
});
