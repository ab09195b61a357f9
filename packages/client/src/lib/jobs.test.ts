import { createServer, createUser, type HubhooksServer } from "@hubhooks/server";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, DIALECTS, type TestDatabase } from "../../../../test-support/databases.js";
import { HubApiError } from "../error.js";
import type { CredentialsParams } from "../types/public.js";
import { cancelJob } from "./cancel-job.js";
import { createRepo } from "./create-repo.js";
import { createScheduledJob } from "./create-scheduled-job.js";
import { createWebhook } from "./create-webhook.js";
import { fetchJobLogs } from "./fetch-job-logs.js";
import { getWebhook } from "./get-webhook.js";
import { inspectJob } from "./inspect-job.js";
import { listJobs } from "./list-jobs.js";
import { listJobsHardware } from "./list-jobs-hardware.js";
import { runJob } from "./run-job.js";
import {
  deleteScheduledJob,
  inspectScheduledJob,
  listScheduledJobs,
  resumeScheduledJob,
  runScheduledJob,
  suspendScheduledJob,
  updateScheduledJobLabels,
} from "./scheduled-jobs.js";
import { updateJobLabels } from "./update-job-labels.js";
import { uploadFile } from "./upload-file.js";

const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
};

const until = async <T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** The webhook → Job flow of huggingface_hub's create_webhook docstring, with the TypeScript SDK, over HTTP. */
describe.each(DIALECTS)("jobs functions against a hubhooks server with a runner on %s", (dialect) => {
  let database: TestDatabase;
  let server: HubhooksServer;
  let alice: CredentialsParams;
  let bob: CredentialsParams;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    server = await createServer({
      database: database.location,
      logger: pino({ level: "silent" }),
      delivery: { allowPrivateTargets: true, pollIntervalMs: 50, jobs: { runner: "local" } },
    });
    const hubUrl = await server.listen({ port: 0 });
    server.worker.start();
    server.jobRunner?.start();
    alice = { hubUrl, accessToken: (await createUser(server.db, "alice")).token };
    bob = { hubUrl, accessToken: (await createUser(server.db, "bob")).token };
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it("runs a job, makes it a webhook's, and a commit starts a clone that prints the repo id", async () => {
    const job = await runJob({ ...alice, image: "ubuntu", command: ["bash", "-c", "echo $WEBHOOK_REPO_ID"] });
    expect(job.owner.name).toBe("alice");
    const webhook = await createWebhook({ ...alice, jobId: job.id, watched: [{ type: "user", name: "alice" }] });
    expect(webhook.url).toBeNull();
    expect(webhook.job).toMatchObject({ dockerImage: "ubuntu", command: ["bash", "-c", "echo $WEBHOOK_REPO_ID"] });
    expect((await getWebhook({ ...alice, webhookId: webhook.id })).job).toEqual(webhook.job);
    await createRepo({ ...alice, repo: { type: "model", name: "alice/demo" } });
    await uploadFile({
      ...alice,
      repo: { type: "model", name: "alice/demo" },
      file: { path: "README.md", content: new Blob(["hi"]) },
    });
    // One job for the repo's creation, one for the commit, besides the source job.
    const triggered = await until(async () => {
      const jobs = await collect(listJobs(alice));
      const started = jobs.filter((one) => one.initiator?.type === "webhook");
      return started.length >= 2 ? started : undefined;
    }, "two jobs started by the webhook");
    for (const one of triggered) {
      // fetchJobLogs follows a running job's log until it ends.
      expect(await collect(fetchJobLogs({ ...alice, jobId: one.id }))).toContain("alice/demo");
      expect((await inspectJob({ ...alice, jobId: one.id })).status.stage).toBe("COMPLETED");
    }
  }, 90_000);

  it("cancels, pages, and answers another user's job as missing", async () => {
    const sleeper = await runJob({ ...alice, image: "ubuntu", command: ["sleep", "600"] });
    expect((await cancelJob({ ...alice, jobId: sleeper.id })).status.stage).toBe("CANCELED");
    const all = await collect(listJobs(alice));
    expect(await collect(listJobs({ ...alice, limit: 1 }))).toEqual(all);
    expect((await collect(listJobs({ ...alice, stages: ["CANCELED"] }))).map((one) => one.id)).toEqual([sleeper.id]);
    await expect(inspectJob({ ...bob, namespace: "alice", jobId: sleeper.id })).rejects.toBeInstanceOf(HubApiError);
    await expect(inspectJob({ ...bob, jobId: sleeper.id })).rejects.toMatchObject({ statusCode: 404 });
  });

  it("creates, suspends, resumes, runs and deletes a scheduled job", async () => {
    const scheduled = await createScheduledJob({
      ...alice,
      image: "ubuntu",
      command: ["echo", "tick"],
      schedule: "@daily",
    });
    expect(scheduled).toMatchObject({ schedule: "@daily", suspend: false, jobSpec: { command: ["echo", "tick"] } });
    expect((await listScheduledJobs(alice)).map((one) => one.id)).toEqual([scheduled.id]);
    expect((await suspendScheduledJob({ ...alice, scheduledJobId: scheduled.id })).suspend).toBe(true);
    expect((await resumeScheduledJob({ ...alice, scheduledJobId: scheduled.id })).status.nextJobRunAt).not.toBeNull();
    const labelled = await updateScheduledJobLabels({
      ...alice,
      scheduledJobId: scheduled.id,
      labels: { run: "daily" },
    });
    expect(labelled.jobSpec.labels).toEqual({ run: "daily" });
    const run = await runScheduledJob({ ...alice, scheduledJobId: scheduled.id });
    expect(run.labels).toEqual({ run: "daily" });
    expect((await updateJobLabels({ ...alice, jobId: run.id, labels: { kept: "yes" } })).labels).toEqual({
      kept: "yes",
    });
    await expect(updateJobLabels({ ...bob, jobId: run.id, labels: {} })).rejects.toMatchObject({ statusCode: 404 });
    expect((await listJobsHardware(alice)).map((flavor) => flavor.name)).toContain("cpu-basic");
    expect(run.initiator).toEqual({ type: "scheduled-job", id: scheduled.id });
    expect(await collect(fetchJobLogs({ ...alice, jobId: run.id }))).toContain("tick");
    expect((await inspectScheduledJob({ ...alice, scheduledJobId: scheduled.id })).status.lastJob?.id).toBe(run.id);
    await deleteScheduledJob({ ...alice, scheduledJobId: scheduled.id });
    await expect(inspectScheduledJob({ ...alice, scheduledJobId: scheduled.id })).rejects.toMatchObject({
      statusCode: 404,
    });
  });
});
