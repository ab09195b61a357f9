import { execFile } from "node:child_process";
import { mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, type ServeProcess, startServe } from "../../../test-support/cli.js";
import { createTestDatabase, type TestDatabase } from "../../../test-support/databases.js";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/** The ```sh block of README.md that follows `marker`. */
async function shellBlockAfter(marker: string): Promise<string> {
  const readme = await readFile(join(ROOT, "README.md"), "utf8");
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf(marker)))?.[1];
  if (readme.indexOf(marker) < 0 || !block) throw new Error(`no sh block after "${marker}" in README.md`);
  return block;
}

describe("README sequences, run as written", () => {
  let database: TestDatabase;
  let serve: ServeProcess;
  let env: Record<string, string>;
  // Inside the clone, so `npx hubhooks` finds the workspace's bin; git ignores test-results/.
  const cwd = join(ROOT, "test-results", `readme-${process.pid}`);

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    serve = await startServe(["--database", database.location]);
    env = { HF_ENDPOINT: serve.url, HF_TOKEN: serve.adminToken as string };
    await mkdir(cwd, { recursive: true });
  });
  afterAll(async () => {
    await serve?.stop();
    await database?.drop();
    await rm(cwd, { recursive: true, force: true });
  });

  it('"Bots end to end": the CLI block runs top to bottom, and again on the same database', async () => {
    const block = await shellBlockAfter("So does the CLI");
    for (let run = 1; run <= 2; run++) {
      const { stdout } = await promisify(execFile)("bash", ["-euo", "pipefail", "-c", block], {
        cwd,
        env: { ...process.env, ...env, HF_HOME: join(cwd, "no-hf-home") },
        timeout: 120_000,
      });
      expect(stdout, `run ${run}`).toContain(`${serve.url}/admin/cli-demo`);
      expect(stdout, `run ${run}`).toMatch(/#1\s+discussion\s+open\s+admin\s+Question/);
    }
    const shown = await runCli(["discussions", "show", "admin/cli-demo", "2"], env);
    expect(shown.stdout).toMatch(/^#2 Question/);
    expect(shown.stdout).toContain("Hello");
  }, 300_000);
});
