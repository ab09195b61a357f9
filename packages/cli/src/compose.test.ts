import { type ChildProcessWithoutNullStreams, execFile, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "../../../test-support/api.js";
import { interpolate, readRecipe } from "../../../test-support/compose.js";
import { createTestDatabase, type TestDatabase } from "../../../test-support/databases.js";
import { freePort } from "../../../test-support/free-port.js";
import { TestReceiver } from "../../../test-support/receiver.js";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const run = promisify(execFile);
const EVENTS = 200;

interface Started {
  name: string;
  child: ChildProcessWithoutNullStreams;
  env: Record<string, string>;
  url?: string;
  output(): string;
  exited: Promise<number | null>;
}

/**
 * The container recipe (Dockerfile + compose.yaml) without a container engine, as on CI: every hubhooks service
 * of compose.yaml started as a process with the image's entrypoint, the service's command and the environment both
 * name, against a throwaway PostgreSQL. Only what a container gives for free is changed: the database host (the
 * compose network's `postgres`), each API process's port (each container has its own 7861) and private targets
 * (the test's receiver is on loopback, as compose.yaml says to allow for private receivers).
 */
describe("the container recipe's process layout (compose.yaml, Dockerfile)", () => {
  const recipe = readRecipe();
  const receiver = new TestReceiver();
  let database: TestDatabase;
  const started: Started[] = [];
  const adminToken = `hf_${"Compose".repeat(5)}`;
  const hubhooksServices = Object.entries(recipe.services).filter(([, service]) => service.build === ".");

  beforeAll(async () => {
    await receiver.start();
    database = await createTestDatabase("postgres");
  });
  afterAll(async () => {
    for (const process of started) if (process.child.exitCode === null) process.child.kill("SIGKILL");
    await receiver.stop();
    await database?.drop();
  });

  it("names PostgreSQL, two API processes and two workers, wired the way the image expects", () => {
    const commands = hubhooksServices.map(([, service]) => (service.command ?? recipe.image.cmd).join(" ")).sort();
    expect(commands).toEqual(["serve --no-worker", "serve --no-worker", "worker", "worker"]);
    const postgres = recipe.services.postgres;
    expect(postgres?.image).toMatch(/^postgres:\d+/);
    const env = { POSTGRES_PASSWORD: "pw", HUBHOOKS_ADMIN_TOKEN: adminToken };
    for (const [name, service] of hubhooksServices) {
      expect(service.depends_on?.postgres?.condition, name).toBe("service_healthy");
      // The URL names the postgres service and the user, password and database it creates.
      const url = new URL(interpolate(service.environment?.HUBHOOKS_DATABASE_URL ?? "", env));
      expect(url.hostname).toBe("postgres");
      expect(url.username).toBe(postgres?.environment?.POSTGRES_USER);
      expect(url.password).toBe(interpolate(postgres?.environment?.POSTGRES_PASSWORD ?? "", env));
      expect(url.pathname).toBe(`/${postgres?.environment?.POSTGRES_DB}`);
      if (service.command?.[0] === "worker") expect(service.healthcheck?.disable, name).toBe(true);
      for (const port of service.ports ?? []) expect(port).toMatch(new RegExp(`:${recipe.image.env.HUBHOOKS_PORT}$`));
    }
    expect(() => interpolate(hubhooksServices[0]?.[1].environment?.HUBHOOKS_ADMIN_TOKEN ?? "", {})).toThrow(
      /set HUBHOOKS_ADMIN_TOKEN/,
    );
    expect(recipe.image.user).toBe("node");
  });

  it("builds every workspace package the way npm ci --omit=dev needs it", () => {
    const workspaces = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).workspaces as string[];
    const copies = (stage: number) =>
      (recipe.stages[stage]?.instructions ?? []).filter((i) => i.keyword === "COPY").map((i) => i.args);
    // npm ci needs every workspace's package.json (the lockfile names them all).
    for (const workspace of workspaces) {
      expect(copies(1), workspace).toContain(`${workspace}/package.json ./${workspace}/`);
    }
    // The final image gets each runtime package's compiled dist/.
    for (const workspace of workspaces.filter((w) => w.startsWith("packages/"))) {
      expect(copies(2), workspace).toContain(`--from=build /app/${workspace}/dist ./${workspace}/dist`);
    }
  });

  it("starts them from the same commands and environment; events posted to either API are delivered once", async () => {
    const composeEnv = { HUBHOOKS_ADMIN_TOKEN: adminToken, POSTGRES_PASSWORD: "unused" };
    const app = recipe.image.workdir;
    for (const [name, service] of hubhooksServices) {
      const command = [...recipe.image.entrypoint, ...(service.command ?? recipe.image.cmd)];
      const env: Record<string, string> = { ...recipe.image.env };
      for (const [key, value] of Object.entries(service.environment ?? {})) env[key] = interpolate(value, composeEnv);
      Object.assign(env, {
        HUBHOOKS_DATABASE_URL: database.location,
        HUBHOOKS_PORT: String(await freePort()),
        HUBHOOKS_ALLOW_PRIVATE_TARGETS: "true",
      });
      // The image's /app is this repository, built (its dist/ folders) as the Dockerfile's build stage makes it.
      const argv = command.map((word) => (word.startsWith(`${app}/`) ? join(ROOT, word.slice(app.length)) : word));
      const child = spawn(argv[0] as string, argv.slice(1), {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? "", ...env },
      });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
      });
      child.stderr.on("data", (chunk: Buffer) => {
        output += chunk.toString();
      });
      const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
      started.push({ name, child, env, output: () => output, exited });
    }
    const ready = (process: Started) => /listening on http|delivering from/.test(process.output());
    await expect
      .poll(
        () =>
          started
            .filter(ready)
            .map((process) => process.name)
            .sort(),
        { timeout: 60_000 },
      )
      .toEqual(hubhooksServices.map(([name]) => name).sort());
    const apis = started.filter((process) => /listening on/.test(process.output()));
    expect(apis).toHaveLength(2);
    for (const api of apis) {
      api.url = `http://127.0.0.1:${api.env.HUBHOOKS_PORT}`;
      // The image's HEALTHCHECK, run in the API process's environment.
      const [check, ...checkArgs] = recipe.image.healthcheck;
      await run(check as string, checkArgs, { env: { PATH: process.env.PATH ?? "", ...api.env }, timeout: 20_000 });
    }

    const [first, second] = apis.map((api) => createClient(api.url as string, adminToken));
    await first?.("POST", "/api/settings/webhooks", {
      url: `${receiver.url}/hook`,
      watched: [{ type: "org", name: "acme" }],
    });
    for (let i = 0; i < EVENTS; i += 20) {
      const events = Array.from({ length: 20 }, (_, j) => ({
        event: { action: "update", scope: "repo" },
        repo: { type: "model", name: `acme/m-${i + j}` },
      }));
      await ((i / 20) % 2 === 0 ? first : second)?.("POST", "/api/events", events);
    }
    await expect.poll(() => receiver.requests.length, { timeout: 60_000 }).toBeGreaterThanOrEqual(EVENTS);
    const ids = receiver.requests.map((request) => request.headers["x-webhook-delivery"]);
    expect(new Set(ids).size).toBe(EVENTS);
    expect(new Set(receiver.requests.map((request) => request.json.repo.name)).size).toBe(EVENTS);

    // SIGTERM, as `docker compose stop` sends: every process stops cleanly.
    for (const process of started) process.child.kill("SIGTERM");
    expect(await Promise.all(started.map((process) => process.exited))).toEqual(started.map(() => 0));
  }, 180_000);
});
