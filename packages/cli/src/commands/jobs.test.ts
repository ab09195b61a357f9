import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, type ServeProcess, startServe } from "../../../../test-support/cli.js";
import { createTestDatabase, type TestDatabase } from "../../../../test-support/databases.js";

describe("hubhooks jobs against a running server", () => {
  let database: TestDatabase;
  let serve: ServeProcess;
  let env: Record<string, string>;
  const cli = (...args: string[]) => runCli(args, env);

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    serve = await startServe(["--database", database.location, "--jobs-runner", "local"]);
    env = { HF_ENDPOINT: serve.url, HF_TOKEN: serve.adminToken as string };
  });
  afterAll(async () => {
    await serve?.stop();
    await database?.drop();
  });

  it("runs a job and follows its log, lists, inspects and cancels", async () => {
    const run = await cli("jobs", "run", "-e", "GREETING=cli", "ubuntu", "--", "sh", "-c", "echo hello from $GREETING");
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^Job started with ID: [0-9a-f]{24}\n/);
    expect(run.stdout).toMatch(/image ubuntu is recorded, not pulled/);
    expect(run.stdout).toMatch(/\nhello from cli\nJob COMPLETED\n$/);
    const id = /ID: ([0-9a-f]{24})/.exec(run.stdout)?.[1] as string;

    const sleeper = await cli("jobs", "run", "-d", "ubuntu", "sleep", "600");
    const sleeperId = /ID: ([0-9a-f]{24})/.exec(sleeper.stdout)?.[1] as string;
    const ps = await cli("jobs", "ps");
    expect(ps.stdout).toMatch(new RegExp(`${sleeperId}\\s+ubuntu\\s+sleep 600`));
    expect(ps.stdout).not.toContain(id);
    expect((await cli("jobs", "ps", "--all", "--format", "quiet")).stdout.split("\n")).toEqual(
      expect.arrayContaining([id, sleeperId]),
    );
    expect(JSON.parse((await cli("jobs", "inspect", id, "--json")).stdout)).toMatchObject({
      id,
      status: { stage: "COMPLETED" },
    });
    const summary = (await cli("jobs", "inspect", id)).stdout;
    expect(summary).toMatch(new RegExp(`^id:\\s+${id}\n`));
    expect(summary).toMatch(/\nstatus:\s+COMPLETED\n/);
    expect(summary).toMatch(/\nenv:\s+GREETING=cli\n/);
    expect((await cli("jobs", "inspect", id, "-q")).stdout).toBe(`${id}\n`);
    expect((await cli("jobs", "logs", id, "--tail", "1")).stdout).toBe("hello from cli\n");
    const logLines = JSON.parse((await cli("jobs", "logs", id, "--json")).stdout);
    expect(logLines).toEqual([expect.stringMatching(/recorded, not pulled/), "hello from cli"]);
    expect((await cli("jobs", "cancel", sleeperId)).stdout).toBe(`Job ${sleeperId}: CANCELED\n`);

    // json: the final JobInfo, no log lines; quiet: the id only. Both wait for the end.
    const asJson = await cli("jobs", "run", "--json", "ubuntu", "echo", "quietly");
    expect(JSON.parse(asJson.stdout)).toMatchObject({ command: ["echo", "quietly"], status: { stage: "COMPLETED" } });
    const quiet = await cli("jobs", "run", "-q", "ubuntu", "echo", "quietly");
    expect(quiet.stdout).toMatch(/^[0-9a-f]{24}\n$/);
    const quietId = quiet.stdout.trim();
    expect((await cli("jobs", "logs", quietId)).stdout).toMatch(/\nquietly\n$/);
    expect(JSON.parse((await cli("jobs", "inspect", quietId, "--json")).stdout).status.stage).toBe("COMPLETED");
    const failing = await cli("jobs", "run", "--format", "quiet", "ubuntu", "--", "sh", "-c", "exit 3");
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/^[0-9a-f]{24}\n$/);
    const detached = await cli("jobs", "run", "-d", "--json", "ubuntu", "sleep", "600");
    const detachedId = JSON.parse(detached.stdout).id as string;
    expect(JSON.parse((await cli("jobs", "cancel", detachedId, "--json")).stdout)).toMatchObject({
      id: detachedId,
      status: { stage: "CANCELED" },
    });

    const webhook = await cli("webhooks", "create", "--watch", "user:admin", "--job-id", id, "--format", "json");
    expect(JSON.parse(webhook.stdout)).toMatchObject({
      url: null,
      job: { command: ["sh", "-c", "echo hello from $GREETING"] },
    });
    const both = await cli("webhooks", "create", "--watch", "user:admin", "--job-id", id, "--url", "https://e.x/h");
    expect(both.code).not.toBe(0);
    expect(both.stderr).toMatch(/set one of --url and --job-id/);
    const scheduled = await cli("jobs", "scheduled", "run", "@daily", "ubuntu", "echo", "tick");
    const scheduledId = /ID: ([0-9a-f]{24})/.exec(scheduled.stdout)?.[1] as string;
    expect(scheduledId).toBeTruthy();
    expect((await cli("jobs", "scheduled", "ps")).stdout).toMatch(
      new RegExp(`${scheduledId}\\s+@daily\\s+ubuntu\\s+echo tick`),
    );
    expect((await cli("jobs", "scheduled", "suspend", scheduledId)).stdout).toBe(
      `Scheduled job ${scheduledId}: suspended\n`,
    );
    expect(JSON.parse((await cli("jobs", "scheduled", "inspect", scheduledId, "--json")).stdout)).toMatchObject({
      suspend: true,
    });
    expect((await cli("jobs", "scheduled", "inspect", scheduledId)).stdout).toMatch(/\nsuspended:\s+true\n/);
    expect((await cli("jobs", "scheduled", "ps", "-q")).stdout).toBe(`${scheduledId}\n`);
    expect(JSON.parse((await cli("jobs", "scheduled", "resume", scheduledId, "--json")).stdout)).toMatchObject({
      id: scheduledId,
      suspend: false,
    });
    const quietScheduled = await cli("jobs", "scheduled", "run", "-q", "@hourly", "ubuntu", "echo", "tock");
    expect(quietScheduled.stdout).toMatch(/^[0-9a-f]{24}\n$/);
    expect((await cli("jobs", "scheduled", "delete", "-q", quietScheduled.stdout.trim())).stdout).toBe(
      quietScheduled.stdout,
    );
    expect((await cli("jobs", "scheduled", "delete", scheduledId)).stdout).toBe(
      `Scheduled job ${scheduledId}: deleted\n`,
    );
    const missing = await cli("jobs", "inspect", "0".repeat(24));
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/404: Job not found/);
  }, 90_000);

  it("shows in a job webhook's activity the job each delivery started, its stage now and how to read its logs", async () => {
    const source = await cli("jobs", "run", "-q", "ubuntu", "--", "sh", "-c", "echo built $WEBHOOK_REPO_ID");
    const sourceId = source.stdout.trim();
    const created = await cli("webhooks", "create", "--watch", "user:admin", "--job-id", sourceId, "--format", "json");
    const webhookId = JSON.parse(created.stdout).id as string;
    await cli("repos", "create", "admin/activity-demo");
    let listed = "";
    for (let tries = 0; tries < 60 && !/COMPLETED/.test(listed); tries++) {
      if (tries) await new Promise((resolve) => setTimeout(resolve, 1_000));
      listed = (await cli("deliveries", "ls", webhookId)).stdout;
    }
    const jobId = /\s([0-9a-f]{24})\s+COMPLETED/.exec(listed)?.[1] as string;
    expect(listed, listed).toMatch(/JOB\s+JOB STAGE/);
    expect(jobId).toBeTruthy();
    expect(listed).toContain(`hubhooks jobs logs ${jobId} --namespace admin`);
    const deliveryId = JSON.parse((await cli("deliveries", "ls", webhookId, "--json")).stdout).deliveries[0].id;
    const info = (await cli("deliveries", "info", webhookId, deliveryId)).stdout;
    expect(info).toContain(`job ${jobId} COMPLETED · logs: hubhooks jobs logs ${jobId} --namespace admin`);
    // The hint works as printed.
    expect((await cli("jobs", "logs", jobId, "--namespace", "admin", "--tail", "1")).stdout).toBe(
      "built admin/activity-demo\n",
    );
  }, 120_000);
});
