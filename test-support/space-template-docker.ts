import { execFile, spawn } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { parseDockerfile, parseHealthcheck } from "./dockerfile.js";
import { type RunningTemplate, type SpaceEnv, started } from "./space-template.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const run = promisify(execFile);

/** The workspace packages a template may name, each with the workspace packages it needs in turn. */
const WORKSPACE: Record<string, string[]> = {
  "@hubhooks/receiver": ["packages/schemas", "packages/receiver"],
  hubhooks: ["packages/schemas", "packages/client", "packages/server", "packages/cli"],
};

/**
 * Vendors the workspace's packages the template names, as the receiver README's "Deploy to a Space" says to until
 * they are on npm (`npm pack` into vendor/, `file:` dependencies, vendor/ copied next to package.json in both stages).
 */
async function vendorWorkspacePackages(context: string): Promise<void> {
  const vendor = join(context, "vendor");
  await mkdir(vendor, { recursive: true });
  const named = JSON.parse(await readFile(join(context, "package.json"), "utf8")).dependencies ?? {};
  const dirs = [...new Set(Object.keys(named).flatMap((name) => WORKSPACE[name] ?? []))];
  const packed = await run(
    "npm",
    ["pack", ...dirs.flatMap((dir) => ["-w", dir]), "--pack-destination", vendor, "--json"],
    { cwd: ROOT, timeout: 120_000 },
  );
  const files = (JSON.parse(packed.stdout) as Array<{ name: string; filename: string }>).map((p) => [
    p.name,
    `file:vendor/${p.filename}`,
  ]);
  const manifest = JSON.parse(await readFile(join(context, "package.json"), "utf8"));
  manifest.dependencies = { ...manifest.dependencies, ...Object.fromEntries(files) };
  manifest.overrides = Object.fromEntries(files.map(([name]) => [name, `$${name}`]));
  await writeFile(join(context, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  const dockerfile = await readFile(join(context, "Dockerfile"), "utf8");
  await writeFile(
    join(context, "Dockerfile"),
    dockerfile.replace(/^COPY (--from=(\S+) )?(\S*)package\*\.json (\S+)$/gm, (line, _from, stage) =>
      stage ? `${line}\nCOPY --from=${stage} /app/vendor ./vendor` : `${line}\nCOPY vendor ./vendor`,
    ),
  );
}

/** Builds the image with the container engine and runs it as a Space would: -e PORT, SPACE_HOST and the secrets. */
export async function runInDocker(context: string, env: SpaceEnv, ready?: RegExp): Promise<RunningTemplate> {
  await vendorWorkspacePackages(context);
  const tag = `hubhooks-space-template-test:${process.pid}-${Date.now()}`;
  await run("docker", ["build", "-t", tag, context], { timeout: 600_000, maxBuffer: 64 * 1024 * 1024 });
  const envArgs = Object.entries(env).flatMap(([name, value]) => ["-e", `${name}=${value}`]);
  const { stdout } = await run("docker", ["run", "-d", "-p", `127.0.0.1:${env.PORT}:${env.PORT}`, ...envArgs, tag]);
  const container = stdout.trim();
  const logs = spawn("docker", ["logs", "-f", container]);
  const stages = parseDockerfile(await readFile(join(context, "Dockerfile"), "utf8"));
  const healthcheck = stages.at(-1)?.instructions.find((instruction) => instruction.keyword === "HEALTHCHECK");
  return started(
    logs,
    `docker image ${tag} built from the template and run`,
    env.PORT,
    {
      uid: async () => Number((await run("docker", ["exec", container, "id", "-u"])).stdout.trim()),
      healthcheck: async () => {
        const command = healthcheck ? parseHealthcheck(healthcheck.args) : ["false"];
        return run("docker", ["exec", container, ...command]).then(
          () => 0,
          (error: { code?: number }) => error.code ?? 1,
        );
      },
      cleanup: async () => {
        await run("docker", ["rm", "-f", container]).catch(() => {});
        await run("docker", ["rmi", "-f", tag]).catch(() => {});
        await rm(context, { recursive: true, force: true });
      },
    },
    ready,
  );
}
