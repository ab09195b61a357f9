import { beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, useServer, waitUntil } from "../test-support/harness.js";
import { jobsKit } from "../test-support/jobs-kit.js";

describe.each(DIALECTS)("the local job runner on %s", (dialect) => {
  const h = useServer(dialect, {
    worker: true,
    delivery: { jobs: { runner: "local", maxLogBytes: 4096, maxActivePerAccount: 3 } },
  });
  const kit = jobsKit(h);
  let alice: { id: string; token: string };
  let bob: { id: string; token: string };
  beforeAll(async () => {
    alice = await h.user("alice");
    bob = await h.user("bob");
  });

  it("runs a job's command with its environment and secrets, and streams its output as the Hub does", async () => {
    const job = await kit.run(alice.token, "alice", ["sh", "-c"], {
      arguments: ['echo "hello $GREETING"; echo "secret=$TOKEN" >&2; exit 0'],
      environment: { GREETING: "world" },
      secrets: { TOKEN: "s3cret" },
      labels: { team: "ml" },
      timeoutSeconds: 60,
    });
    expect(job).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      status: { stage: "SCHEDULING" },
      dockerImage: "ubuntu",
      command: ["sh", "-c"],
      environment: { GREETING: "world" },
      secrets: ["TOKEN"],
      flavor: "cpu-basic",
      labels: { team: "ml" },
      owner: { id: alice.id, name: "alice", type: "user" },
      initiator: { type: "user", id: alice.id, name: "alice" },
    });
    const done = await kit.waitStage(alice.token, "alice", job.id, ["COMPLETED", "ERROR"]);
    expect(done.status).toEqual({ stage: "COMPLETED", message: null, exposeUrls: null, sshUrl: null });
    expect(done.startedAt).toEqual(expect.any(String));
    expect(done.finishedAt).toEqual(expect.any(String));
    // huggingface_hub JobDurations: whole seconds, all known once the job ran.
    expect(done.durations).toEqual({
      schedulingSecs: expect.any(Number),
      runningSecs: expect.any(Number),
      totalSecs: expect.any(Number),
    });
    const lines = await kit.logs(alice.token, "alice", job.id);
    expect(lines[0]).toMatch(/^===== Job started/);
    expect(lines[1]).toMatch(/image ubuntu is recorded, not pulled/);
    expect(lines).toContain("hello world");
    expect(lines).toContain("secret=s3cret");
    expect(await kit.logs(alice.token, "alice", job.id, "?tail=1")).toHaveLength(1);
    // The server's own environment never reaches a job.
    const env = await kit.run(alice.token, "alice", ["sh", "-c", "env"]);
    await kit.waitStage(alice.token, "alice", env.id, ["COMPLETED"]);
    const names = (await kit.logs(alice.token, "alice", env.id)).slice(2).map((line) => line.split("=")[0] ?? "");
    expect(names.filter((name) => !["PATH", "HOME", "PWD", "SHLVL", "_", "OLDPWD"].includes(name))).toEqual([]);
  });

  it("follows a running job's log until it ends", async () => {
    const job = await kit.run(alice.token, "alice", ["sh", "-c", "echo one; sleep 2; echo two"]);
    await kit.waitStage(alice.token, "alice", job.id, ["RUNNING", "COMPLETED"]);
    // One request, opened while the job runs: it gets both lines and ends when the job does.
    const lines = await kit.logs(alice.token, "alice", job.id);
    expect(lines.slice(2)).toEqual(["one", "two"]);
    expect((await kit.get(alice.token, "alice", job.id)).status.stage).toBe("COMPLETED");
  });

  it("reports a failing command, and one that cannot start, as ERROR", async () => {
    const failing = await kit.run(alice.token, "alice", ["sh", "-c", "exit 3"]);
    const done = await kit.waitStage(alice.token, "alice", failing.id, ["COMPLETED", "ERROR"]);
    expect(done.status).toEqual({
      stage: "ERROR",
      message: "the command exited with code 3",
      exposeUrls: null,
      sshUrl: null,
    });
    const missing = await kit.run(alice.token, "alice", ["/no/such/command"]);
    const never = await kit.waitStage(alice.token, "alice", missing.id, ["COMPLETED", "ERROR"]);
    expect(never.status.message).toMatch(/could not start the command.*ENOENT/);
  });

  it("cancels a running job, killing its whole process group", async () => {
    // The child `sleep` is in the job's process group: the cancel must end it too, or its output would go on.
    const job = await kit.run(alice.token, "alice", ["sh", "-c", "(while true; do echo tick; sleep 0.2; done) & wait"]);
    await waitUntil(
      async () => (await kit.logs(alice.token, "alice", job.id, "?tail=1&follow=false"))[0] === "tick",
      30_000,
      "a tick",
    );
    const canceled = await h.call(alice.token, "POST", `/api/jobs/alice/${job.id}/cancel`);
    expect(canceled.status).toBe(200);
    expect(((await canceled.json()) as { status: { stage: string } }).status.stage).toBe("CANCELED");
    await waitUntil(() => h.server.jobRunner?.running === 0, 30_000, "the runner to let go of the job");
    const count = (await kit.logs(alice.token, "alice", job.id)).length;
    expect(count).toBeGreaterThan(2);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await kit.logs(alice.token, "alice", job.id)).length).toBe(count);
    expect((await kit.get(alice.token, "alice", job.id)).status.stage).toBe("CANCELED");
  });

  it("ends a job past its time limit as ERROR", async () => {
    const job = await kit.run(alice.token, "alice", ["sleep", "600"], { timeoutSeconds: 1 });
    const done = await kit.waitStage(alice.token, "alice", job.id, ["COMPLETED", "ERROR"]);
    expect(done.status).toEqual({ stage: "ERROR", message: "Job timed out after 1 s", exposeUrls: null, sshUrl: null });
  });

  it("keeps at most maxLogBytes of output, then says the log was cut", async () => {
    const job = await kit.run(alice.token, "alice", [
      "sh",
      "-c",
      "i=0; while [ $i -lt 2000 ]; do echo line-$i; i=$((i+1)); done",
    ]);
    await kit.waitStage(alice.token, "alice", job.id, ["COMPLETED"]);
    const lines = await kit.logs(alice.token, "alice", job.id);
    expect(lines.at(-1)).toMatch(/log cut at 4096 bytes/);
    expect(lines.join("\n").length).toBeLessThan(4096 + 200);
  });

  it("keeps a line with NUL bytes (which PostgreSQL text cannot hold), with U+FFFD in their place", async () => {
    const job = await kit.run(alice.token, "alice", ["printf", "a\\000b\\n"]);
    await kit.waitStage(alice.token, "alice", job.id, ["COMPLETED"]);
    expect((await kit.logs(alice.token, "alice", job.id)).slice(2)).toEqual(["a\ufffdb"]);
  });

  it("prunes jobs ended before the retention window, except those a webhook clones", async () => {
    const kept = await kit.run(alice.token, "alice", ["true"]);
    const pruned = await kit.run(alice.token, "alice", ["true"]);
    for (const job of [kept, pruned]) await kit.waitStage(alice.token, "alice", job.id, ["COMPLETED"]);
    const hook = await h.call(alice.token, "POST", "/api/settings/webhooks", {
      jobSourceId: kept.id,
      watched: [{ type: "user", name: "nobody-watched" }],
    });
    expect(hook.status).toBe(200);
    await h.server.db.updateTable("jobs").set({ finished_at: 1 }).where("id", "in", [kept.id, pruned.id]).execute();
    await h.server.jobRunner?.prune();
    expect((await h.call(alice.token, "GET", `/api/jobs/alice/${kept.id}`)).status).toBe(200);
    expect((await h.call(alice.token, "GET", `/api/jobs/alice/${pruned.id}`)).status).toBe(404);
    const logs = await h.server.db.selectFrom("job_logs").select("seq").where("job_id", "=", pruned.id).execute();
    expect(logs).toEqual([]);
  });

  it("caps the jobs one namespace may have scheduled or running (422)", async () => {
    const sleepers = [];
    for (let i = 0; i < 3; i++) sleepers.push(await kit.run(bob.token, "bob", ["sleep", "600"]));
    const over = await h.call(bob.token, "POST", "/api/jobs/bob", { command: ["true"], dockerImage: "ubuntu" });
    expect(over.status).toBe(422);
    expect(((await over.json()) as { error: string }).error).toMatch(/already has 3 jobs scheduled or running/);
    for (const job of sleepers) await h.call(bob.token, "POST", `/api/jobs/bob/${job.id}/cancel`);
    await waitUntil(() => h.server.jobRunner?.running === 0, 30_000, "the sleepers to be killed");
  });
});
