import { beforeAll, describe, expect, it } from "vitest";
import { createOrg } from "../accounts/org-store.js";
import { DIALECTS, useServer } from "../test-support/harness.js";
import { jobsKit, type WireJob } from "../test-support/jobs-kit.js";

// The runner stays off here: these are the API's rules, which hold whether or not anything runs.
describe.each(DIALECTS)("jobs API rules on %s", (dialect) => {
  const h = useServer(dialect);
  const kit = jobsKit(h);
  let alice: { id: string; token: string };
  let bob: { id: string; token: string };
  let job: WireJob;
  beforeAll(async () => {
    alice = await h.user("alice");
    bob = await h.user("bob");
    await createOrg(h.server.db, "lab", ["alice"]);
    job = await kit.run(alice.token, "alice", ["echo", "hi"], { labels: { team: "ml" } });
  });

  const expectError = async (res: Response, status: number, message: RegExp) => {
    const text = await res.text();
    expect(res.status, text).toBe(status);
    expect((JSON.parse(text) as { error: string }).error).toMatch(message);
  };

  it("needs a token, and answers another user's namespace and jobs exactly like missing ones", async () => {
    await expectError(await h.call(undefined, "GET", "/api/jobs/alice"), 401, /token/);
    await expectError(await h.call(bob.token, "GET", "/api/jobs/alice"), 404, /Namespace not found/);
    await expectError(await h.call(bob.token, "GET", "/api/jobs/nobody"), 404, /Namespace not found/);
    await expectError(await h.call(bob.token, "POST", "/api/jobs/alice", { command: ["x"] }), 404, /Namespace/);
    await expectError(await h.call(bob.token, "GET", "/api/jobs/lab"), 404, /Namespace not found/);
    // Bob's own namespace does not hold Alice's job.
    for (const [method, suffix] of [
      ["GET", ""],
      ["POST", "/cancel"],
      ["GET", "/logs"],
    ] as const) {
      await expectError(await h.call(bob.token, method, `/api/jobs/bob/${job.id}${suffix}`), 404, /Job not found/);
    }
    await expectError(
      await h.call(bob.token, "PUT", `/api/jobs/bob/${job.id}/labels`, { labels: {} }),
      404,
      /Job not found/,
    );
    await expectError(await h.call(alice.token, "GET", "/api/jobs/alice/not-an-id"), 404, /Job not found/);
  });

  it("runs jobs in an org the caller belongs to", async () => {
    const inOrg = await kit.run(alice.token, "lab", ["true"]);
    expect(inOrg.owner).toMatchObject({ name: "lab", type: "org" });
    expect(await kit.get(alice.token, "lab", inOrg.id)).toMatchObject({ id: inOrg.id });
  });

  const bad: Array<[string, unknown, RegExp]> = [
    ["no command", { dockerImage: "ubuntu" }, /command/],
    ["an empty command", { command: [], dockerImage: "ubuntu" }, /command: must be a non-empty array/],
    ["a command that is a string", { command: "echo hi", dockerImage: "ubuntu" }, /command/],
    ["no image", { command: ["true"] }, /exactly one of dockerImage and spaceId/],
    ["two images", { command: ["true"], dockerImage: "a", spaceId: "b/c" }, /exactly one of dockerImage and spaceId/],
    [
      "a zero timeout",
      { command: ["true"], dockerImage: "a", timeoutSeconds: 0 },
      /timeoutSeconds: must be at least 1/,
    ],
    ["a timeout in text", { command: ["true"], dockerImage: "a", timeoutSeconds: "1h" }, /timeoutSeconds/],
    ["a number as env value", { command: ["true"], dockerImage: "a", environment: { A: 1 } }, /strings/],
    ["a bad env name", { command: ["true"], dockerImage: "a", environment: { "A B": "x" } }, /names/],
    ["a bad label", { command: ["true"], dockerImage: "a", labels: { "a b": "x" } }, /keys and values/],
    ["an array body", [], /JSON object/],
  ];
  it.each(bad)("refuses %s with 400", async (_, body, message) => {
    await expectError(await h.call(alice.token, "POST", "/api/jobs/alice", body), 400, message);
  });

  it("refuses malformed JSON and bad list, labels and logs parameters with 400", async () => {
    await expectError(await h.call(alice.token, "POST", "/api/jobs/alice", "{nope"), 400, /Malformed JSON/);
    await expectError(await h.call(alice.token, "GET", "/api/jobs/alice?stage=DONE"), 400, /stage/);
    await expectError(await h.call(alice.token, "GET", "/api/jobs/alice?label=novalue"), 400, /key=value/);
    await expectError(await h.call(alice.token, "GET", "/api/jobs/alice?limit=0"), 400, /limit/);
    await expectError(await h.call(alice.token, "GET", "/api/jobs/alice?cursor=zzz"), 400, /cursor/);
    await expectError(await h.call(alice.token, "GET", `/api/jobs/alice/${job.id}/logs?tail=-1`), 400, /tail/);
    await expectError(await h.call(alice.token, "GET", `/api/jobs/alice/${job.id}/logs?follow=maybe`), 400, /follow/);
    await expectError(
      await h.call(alice.token, "PUT", `/api/jobs/alice/${job.id}/labels`, { labels: ["x"] }),
      400,
      /labels/,
    );
  });

  it("lists newest first, filters by stage and label, and pages with a Link header", async () => {
    const more = [await kit.run(alice.token, "alice", ["true"]), await kit.run(alice.token, "alice", ["true"])];
    const first = await h.call(alice.token, "GET", "/api/jobs/alice?limit=2");
    const page = (await first.json()) as WireJob[];
    expect(page.map((j) => j.id)).toEqual([more[1]?.id, more[0]?.id]);
    const link = first.headers.get("link") ?? "";
    const next = /^<([^>]+)>; rel="next"$/.exec(link)?.[1] as string;
    expect(next).toMatch(/cursor=/);
    const url = new URL(next);
    const rest = (await (await h.call(alice.token, "GET", url.pathname + url.search)).json()) as WireJob[];
    expect(rest.map((j) => j.id)).toEqual([job.id]);
    const labelled = (await (await h.call(alice.token, "GET", "/api/jobs/alice?label=team=ml")).json()) as WireJob[];
    expect(labelled.map((j) => j.id)).toEqual([job.id]);
    const running = (await (await h.call(alice.token, "GET", "/api/jobs/alice?stage=RUNNING")).json()) as WireJob[];
    expect(running).toEqual([]);
    const errored = (await (await h.call(alice.token, "GET", "/api/jobs/alice?stage=ERROR")).json()) as WireJob[];
    expect(errored).toHaveLength(3);
  });

  it("replaces labels, and cancels only what has not ended", async () => {
    const res = await h.call(alice.token, "PUT", `/api/jobs/alice/${job.id}/labels`, { labels: { env: "prod" } });
    expect(((await res.json()) as WireJob).labels).toEqual({ env: "prod" });
    // An ended job stays as it ended.
    const canceled = await h.call(alice.token, "POST", `/api/jobs/alice/${job.id}/cancel`);
    expect(canceled.status).toBe(200);
    expect(((await canceled.json()) as WireJob).status.stage).toBe("ERROR");
  });
});
