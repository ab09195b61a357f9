import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, useServer } from "../test-support/harness.js";
import { ndjsonCommit } from "../test-support/sandbox-kit.js";

/**
 * A sandbox change and the events it fires commit together: when the events cannot be written (here the events
 * table is renamed away for the length of one request), the change is not there either.
 */
describe.each(DIALECTS)("sandbox changes and their events are atomic on %s", (dialect) => {
  const h = useServer(dialect, { delivery: { publicHubUrl: "http://hub.test" } });
  const api = "/api/models/alice/atomic";
  let alice: { id: string; token: string };

  /** Runs `request` while inserting an event fails, and expects it to fail. */
  async function withoutEvents(request: () => Promise<Response>): Promise<void> {
    await sql`alter table events rename to events_away`.execute(h.server.db);
    try {
      expect((await request()).status).toBe(500);
    } finally {
      await sql`alter table events_away rename to events`.execute(h.server.db);
    }
  }
  const json = async (res: Promise<Response>) => {
    const response = await res;
    const body = await response.text();
    expect(response.status, body).toBe(200);
    return JSON.parse(body);
  };
  const eventCount = async () =>
    Number(
      (
        await h.server.db
          .selectFrom("events")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    alice = await h.user("alice");
    await json(h.call(alice.token, "POST", "/api/repos/create", { name: "atomic" }));
  });

  it("a repo whose create event fails is not created", async () => {
    await withoutEvents(() => h.call(alice.token, "POST", "/api/repos/create", { name: "lost" }));
    expect((await h.call(alice.token, "GET", "/api/models/alice/lost")).status).toBe(404);
    // And the name is free: creating it now works and fires its event.
    await json(h.call(alice.token, "POST", "/api/repos/create", { name: "lost" }));
    expect(await eventCount()).toBe(2);
  });

  it("a comment, a title, a settings change, a commit and a move whose events fail leave nothing behind", async () => {
    await json(h.call(alice.token, "POST", `${api}/discussions`, { title: "Hello", description: "first" }));
    const before = await json(h.call(undefined, "GET", `${api}/discussions/1`));
    const head = (await json(h.call(undefined, "GET", api))).sha;
    const events = await eventCount();

    await withoutEvents(() => h.call(alice.token, "POST", `${api}/discussions/1/comment`, { comment: "lost" }));
    await withoutEvents(() => h.call(alice.token, "POST", `${api}/discussions/1/title`, { title: "Lost" }));
    await withoutEvents(() =>
      h.call(alice.token, "POST", `${api}/discussions/1/status`, { status: "closed", comment: "bye" }),
    );
    await withoutEvents(() => h.call(alice.token, "POST", `${api}/discussions`, { title: "Lost too" }));
    await withoutEvents(() => h.call(alice.token, "PUT", `${api}/settings`, { private: true }));
    await withoutEvents(() =>
      h.call(alice.token, "POST", `${api}/commit/main`, ndjsonCommit("Lost", { "a.txt": "a" })),
    );
    await withoutEvents(() =>
      h.call(alice.token, "POST", "/api/repos/move", { fromRepo: "alice/atomic", toRepo: "alice/moved" }),
    );
    await withoutEvents(() => h.call(alice.token, "DELETE", "/api/repos/delete", { name: "atomic" }));

    expect(await json(h.call(undefined, "GET", `${api}/discussions/1`))).toEqual(before);
    const list = await json(h.call(undefined, "GET", `${api}/discussions`));
    expect(list.count).toBe(1);
    const info = await json(h.call(undefined, "GET", api));
    expect(info).toMatchObject({ sha: head, private: false });
    expect(info.siblings).toEqual([{ rfilename: ".gitattributes" }]);
    expect(await eventCount()).toBe(events);
  });

  it("a merge whose events fail leaves the pull request open and main unchanged", async () => {
    const pr = await json(
      h.call(alice.token, "POST", `${api}/discussions`, { title: "Add b", description: "", pullRequest: true }),
    );
    await json(h.call(alice.token, "POST", `${api}/commit/refs%2Fpr%2F${pr.num}`, ndjsonCommit("b", { "b.txt": "b" })));
    const head = (await json(h.call(undefined, "GET", api))).sha;
    const before = await json(h.call(undefined, "GET", `${api}/discussions/${pr.num}`));

    await withoutEvents(() => h.call(alice.token, "POST", `${api}/discussions/${pr.num}/merge`, { comment: "ship" }));

    expect(await json(h.call(undefined, "GET", `${api}/discussions/${pr.num}`))).toEqual(before);
    const info = await json(h.call(undefined, "GET", api));
    expect(info.sha).toBe(head);
    expect(info.siblings).toEqual([{ rfilename: ".gitattributes" }]);
    // With the events back, the same merge goes through.
    await json(h.call(alice.token, "POST", `${api}/discussions/${pr.num}/merge`, { comment: "ship" }));
  });
});
