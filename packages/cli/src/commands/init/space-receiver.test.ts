import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { listDeliveries, listWebhooks } from "@hubhooks/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, runCli, type ServeProcess, startServe } from "../../../../../test-support/cli.js";
import { createTestDatabase, type TestDatabase } from "../../../../../test-support/databases.js";
import { parseDockerfile } from "../../../../../test-support/dockerfile.js";
import {
  copyContext,
  noContainerEngine,
  type RunningTemplate,
  runSpaceTemplate,
  spacePort,
} from "../../../../../test-support/space-template.js";
import { SPACE_RECEIVER_FILES } from "./template-files.js";

const ROOT = fileURLToPath(new URL("../../../../../", import.meta.url));
const EXAMPLE = join(ROOT, "examples", "space-receiver");
const SECRET = "space-webhook-secret";
const SPACE_HOST = "demo-user-space.hf.space";
const engineMissing = await noContainerEngine();
const HOW =
  engineMissing === undefined
    ? "image built and run with docker"
    : "no container engine here, so the Dockerfile's stages and CMD run without one, in the same environment";

const read = (dir: string, file: string) => readFile(join(dir, file), "utf8");

/** The ```sh blocks of the receiver README's "Deploy to a Space", dedented, continuation lines joined. */
async function deploySteps(): Promise<string[][]> {
  const readme = await read(ROOT, "packages/receiver/README.md");
  const section = readme.split("## Deploy to a Space")[1]?.split(/\n## /)[0] ?? "";
  return [...section.matchAll(/^( *)```sh\n([\s\S]*?)^ *```/gm)].map(([, indent = "", body = ""]) =>
    body
      .split("\n")
      .map((line) => line.slice(indent.length))
      .join("\n")
      .replace(/\\\n\s*/g, "")
      .split("\n")
      .filter(Boolean),
  );
}

/** Runs README lines in bash, `npx hubhooks` being this repository's build. */
async function runLines(lines: string[], cwd: string, env: Record<string, string>): Promise<string> {
  const script = [
    "set -e",
    `npx() { if [ "$1" = hubhooks ]; then shift; node "${BIN}" "$@"; else command npx "$@"; fi; }`,
  ];
  const { stdout } = await promisify(execFile)("bash", ["-c", [...script, ...lines].join("\n")], {
    cwd,
    env: { ...process.env, NO_COLOR: "1", ...env },
    timeout: 60_000,
  });
  return stdout;
}

describe(`the Space receiver template (${HOW})`, () => {
  let database: TestDatabase;
  let serve: ServeProcess;
  let hub: { HF_ENDPOINT: string; HF_TOKEN: string };
  const dirs: string[] = [];
  const running: RunningTemplate[] = [];
  const cli = async (...args: string[]) => {
    const result = await runCli(args, hub);
    expect(result.code, `${args.join(" ")}: ${result.stderr}`).toBe(0);
    return result.stdout;
  };
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), "space-receiver-test-"));
    dirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    if (engineMissing !== undefined) console.log(`docker info: ${engineMissing}`);
    database = await createTestDatabase("sqlite");
    serve = await startServe(["--database", database.location]);
    hub = { HF_ENDPOINT: serve.url, HF_TOKEN: serve.adminToken as string };
  }, 60_000);
  afterAll(async () => {
    for (const app of running) await app.stop();
    await serve?.stop();
    await database?.drop();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  /** Builds and starts the template in `dir` as a Space would: PORT (7860 unless taken), SPACE_HOST, the secret. */
  async function startAsSpace(dir: string, spaceHost = SPACE_HOST): Promise<RunningTemplate> {
    const port = String(await spacePort());
    const context = await copyContext(dir);
    dirs.push(context);
    const app = await runSpaceTemplate(context, {
      PORT: port,
      SPACE_HOST: spaceHost,
      WEBHOOK_SECRET: SECRET,
    });
    running.push(app);
    console.log(`${app.mode}, PORT=${port}`);
    return app;
  }

  /** The Space's proxy routes its public URL to the container: here, to the local port. */
  const local = (app: RunningTemplate, url: string, spaceHost = SPACE_HOST) =>
    url.replace(`https://${spaceHost}`, app.localUrl);

  /** A sandbox commit to `repo`; resolves with the deliveries' last status per webhook URL, once all answered. */
  async function commitAndCollect(repo: string, webhookIds: string[]): Promise<number[]> {
    const dir = await tempDir();
    await writeFile(join(dir, "notes.txt"), `${Date.now()}\n`);
    await cli("repos", "upload", "--type", "dataset", repo, join(dir, "notes.txt"));
    const statuses = async () =>
      Promise.all(
        webhookIds.map(async (webhookId) => {
          const { deliveries } = await listDeliveries({
            accessToken: hub.HF_TOKEN,
            hubUrl: hub.HF_ENDPOINT,
            webhookId,
          });
          return deliveries.find((d) => d.scope === "repo.content")?.lastStatusCode ?? null;
        }),
      );
    await expect.poll(async () => (await statuses()).every((s) => s !== null), { timeout: 20_000 }).toBe(true);
    return (await statuses()) as number[];
  }

  /** A real delivery, with the secret, without it and with another, after checks of what a Space shows. */
  async function driveTemplate(dir: string, repo: string) {
    const app = await startAsSpace(dir);
    const printed = `https://${SPACE_HOST}/webhooks/trigger_training`;
    expect(app.printedUrls).toEqual([printed]);
    expect(await app.healthcheck(), "the Dockerfile's HEALTHCHECK").toBe(0);
    if (engineMissing === undefined || process.getuid?.() === 0) expect(await app.uid()).toBe(1000);
    const page = await (await fetch(`${app.localUrl}/`)).text();
    expect(page).toContain(`POST ${printed}`);
    expect(page).toContain("A webhook secret is set");

    await cli("repos", "create", "--type", "dataset", repo);
    const create = async (...secret: string[]) =>
      JSON.parse(
        await cli(
          "webhooks",
          "create",
          "--watch",
          `dataset:${repo}`,
          "--domain",
          "repo",
          "--url",
          local(app, printed),
          ...secret,
          "--format",
          "json",
        ),
      ).id as string;
    const ids = [await create("--secret", SECRET), await create(), await create("--secret", "not-the-secret")];
    expect(await commitAndCollect(repo, ids)).toEqual([200, 401, 403]);
    await expect.poll(() => app.output()).toContain(`repo.content update on dataset ${repo}`);
    expect(app.output()).toMatch(new RegExp(`dataset ${repo} is now at [0-9a-f]{40}: start the training job here`));
    expect(app.output().match(/repo\.content update/g)).toHaveLength(1);
  }

  it("names the receiver's package and version, and a Space's settings (sdk: docker, app_port, uid 1000)", async () => {
    const receiver = JSON.parse(await read(ROOT, "packages/receiver/package.json"));
    const manifest = JSON.parse(await read(EXAMPLE, "package.json"));
    expect(manifest.dependencies).toEqual({ [receiver.name]: `^${receiver.version}` });
    const frontMatter = (await read(EXAMPLE, "README.md")).match(/^---\n([\s\S]*?)\n---\n/)?.[1] ?? "";
    expect(frontMatter).toMatch(/^sdk: docker$/m);
    expect(frontMatter).toMatch(/^app_port: 7860$/m);
    expect(frontMatter).toMatch(/^title: \S/m);
    expect(frontMatter).toMatch(/^emoji: \S/m);
    const [build, runtime, ...more] = parseDockerfile(await read(EXAMPLE, "Dockerfile"));
    expect(more).toEqual([]);
    expect([build?.image, runtime?.image]).toEqual(["node:20-slim", "node:20-slim"]);
    const args = (keyword: string) => runtime?.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
    expect(args("USER")).toEqual(["node"]); // uid 1000 in the node images
    expect(args("RUN")?.[0]).toMatch(/^npm ci --omit=dev\b/);
    expect(args("HEALTHCHECK")).toHaveLength(1);
    expect(args("ENV")?.join(" ")).toContain("PORT=7860");
    expect((await readdir(EXAMPLE)).sort()).toEqual([...SPACE_RECEIVER_FILES].sort());
  });

  it(`examples/space-receiver runs as on a Space: 200 with the secret, 401 without, 403 with another (${HOW})`, async () => {
    await driveTemplate(EXAMPLE, "admin/example-data");
  }, 120_000);

  it(`npx hubhooks init receiver writes the template, which passes the same run (${HOW})`, async () => {
    const dir = join(await tempDir(), "my-space");
    const written = await runCli(["init", "receiver", dir]);
    expect(written.stdout).toMatch(/^Wrote README\.md, Dockerfile, .*app\.ts to .*my-space\/\n/);
    for (const file of SPACE_RECEIVER_FILES) expect(await read(dir, file), file).toBe(await read(EXAMPLE, file));
    const again = await runCli(["init", "receiver", dir]);
    expect([again.code, again.stderr]).toEqual([1, expect.stringMatching(/already has README\.md, .*: remove them/)]);
    await driveTemplate(dir, "admin/init-data");
  }, 120_000);

  it("the copy packed into the published CLI (prepack) writes the same files, .gitignore included", async () => {
    const script = join(ROOT, "packages/cli/scripts/copy-templates.mjs");
    await promisify(execFile)(process.execPath, [script]);
    try {
      const packed = join(ROOT, "packages/cli/templates/space-receiver");
      expect((await readdir(packed)).sort()).toEqual(
        SPACE_RECEIVER_FILES.map((file) => (file === ".gitignore" ? "gitignore" : file)).sort(),
      );
      const dir = join(await tempDir(), "from-package");
      expect((await runCli(["init", "receiver", dir])).code).toBe(0);
      for (const file of SPACE_RECEIVER_FILES) expect(await read(dir, file), file).toBe(await read(EXAMPLE, file));
    } finally {
      await promisify(execFile)(process.execPath, [script, "--remove"]);
    }
  });

  it(`the receiver README's "Deploy to a Space" steps, up to the ones that need huggingface.co (${HOW})`, async () => {
    const blocks = await deploySteps();
    expect(blocks).toHaveLength(3);
    const [write = [], push = [], webhook = []] = blocks;
    expect(push.join("\n")).toContain("huggingface.co"); // step 2 needs the Hub: not run here
    const cwd = await tempDir();
    const env = {
      ...hub,
      HF_USER: "admin",
      WEBHOOK_SECRET: SECRET,
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@example.com",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@example.com",
    };
    await runLines(write, cwd, env);
    const dir = join(cwd, "my-webhooks");
    expect(await runLines(["git log --format=%s", "git status --porcelain"], dir, env)).toBe("Hub webhooks receiver\n");

    // Steps 2 and 3 happen on the Hub; what the Space then runs, with its host and secret:
    const spaceHost = "admin-my-webhooks.hf.space";
    const app = await startAsSpace(dir, spaceHost);
    expect(app.printedUrls).toEqual([`https://${spaceHost}/webhooks/trigger_training`]);

    // Step 4, with SPACE_URL routed to the local port as the Space's proxy would.
    expect(webhook[0]).toBe("export SPACE_URL=https://$HF_USER-my-webhooks.hf.space");
    await cli("repos", "create", "--type", "dataset", "admin/my-data");
    await runLines(webhook.slice(1), dir, { ...env, SPACE_URL: app.localUrl });
    const created = (await listWebhooks({ accessToken: hub.HF_TOKEN, hubUrl: hub.HF_ENDPOINT })).filter((w) =>
      w.watched.some((item) => item.name === "admin/my-data"),
    );
    expect(created.map((w) => [w.url, w.domains])).toEqual([[`${app.localUrl}/webhooks/trigger_training`, ["repo"]]]);
    expect(
      await commitAndCollect(
        "admin/my-data",
        created.map((w) => w.id),
      ),
    ).toEqual([200]);
    await expect.poll(() => app.output()).toContain("repo.content update on dataset admin/my-data");
  }, 120_000);
});
