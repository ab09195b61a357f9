import type { TestProject } from "vitest/node";
import { startThrowawayPostgres } from "./postgres/start-throwaway-postgres.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/**
 * Starts a throwaway PostgreSQL for the whole test run (or uses HUBHOOKS_TEST_DATABASE_URL), so the suites that
 * run on both dialects never silently skip PostgreSQL. It runs in a child process: the library that starts it
 * takes over the exit code of whatever process loads it, and the runner's exit code must say whether tests failed.
 */
export default async function setup(project: TestProject) {
  const existing = process.env.HUBHOOKS_TEST_DATABASE_URL;
  if (existing) {
    project.provide("postgresUrl", existing);
    return;
  }
  const postgres = await startThrowawayPostgres({
    flags: ["-c", "fsync=off", "-c", "max_connections=300"],
  });
  project.provide("postgresUrl", postgres.url);
  return () => postgres.stop();
}
