import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "../../../../test-support/api.js";
import { type ServeProcess, startServe } from "../../../../test-support/cli.js";
import { createTestDatabase, DIALECTS, type TestDatabase } from "../../../../test-support/databases.js";

interface Job {
  id: string;
  status: { stage: string; message: string | null };
}

const until = async <T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

describe.each(DIALECTS)("a job whose server is killed (SIGKILL) on %s", (dialect) => {
  let database: TestDatabase;
  let serve: ServeProcess | undefined;
  const pidFile = join(tmpdir(), `hubhooks-job-crash-${process.pid}-${dialect}.pid`);
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await serve?.stop("SIGKILL");
    await database?.drop();
    // Should the job's process have outlived its server (the failure this test is about), it ends here.
    try {
      process.kill(Number(readFileSync(pidFile, "utf8").trim()), "SIGKILL");
    } catch {}
    rmSync(pidFile, { force: true });
  });

  it("ends as ERROR with a message after the restart, never RUNNING forever", async () => {
    const args = ["--database", database.location, "--jobs-runner", "local"];
    serve = await startServe(args);
    expect(serve.output()).toMatch(/Jobs:\s+runner on/);
    const token = serve.adminToken as string;
    let api = createClient(serve.url, token);
    const job = (await api("POST", "/api/jobs/admin", {
      command: ["sh", "-c", `echo $$ > ${pidFile}; echo started; sleep 600`],
      dockerImage: "ubuntu",
    })) as Job;
    await until(
      async () => ((await api("GET", `/api/jobs/admin/${job.id}`)) as Job).status.stage === "RUNNING" || undefined,
      30_000,
      "the job to run",
    );
    const pid = Number(
      await until(async () => readFileSync(pidFile, "utf8").trim() || undefined, 30_000, "the job's pid file"),
    );
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(alive()).toBe(true);
    expect(await serve.stop("SIGKILL")).toBeNull();
    // The job's processes go with the server that ran them, although it could not end them itself.
    await until(async () => !alive() || undefined, 30_000, "the job's process to end with its server");

    serve = await startServe(args);
    api = createClient(serve.url, token);
    // SQLite (one process) ends it at startup; PostgreSQL once its runner has been silent for 30 s.
    const ended = await until(
      async () => {
        const now = (await api("GET", `/api/jobs/admin/${job.id}`)) as Job;
        return now.status.stage === "RUNNING" ? undefined : now;
      },
      90_000,
      "the orphaned job to end",
    );
    expect(ended.status.stage).toBe("ERROR");
    expect(ended.status.message).toMatch(/process running this job stopped/);
  }, 180_000);
});
