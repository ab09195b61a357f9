import { readdir, readFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const SRC = dirname(fileURLToPath(import.meta.url));

/**
 * What each folder of the server may import besides itself. `store` is the bottom, `core` sits on it, features sit
 * on both; `events` is the outbox every change that fires events writes through, `ui` renders every feature and
 * `app.ts` / `server.ts` / `index.ts` (the root) assemble them. Nothing imports upwards.
 */
const MAY_IMPORT: Record<string, string[]> = {
  store: [],
  core: ["store"],
  accounts: ["core", "store"],
  events: ["core", "store", "accounts"],
  webhooks: ["core", "store", "accounts"],
  delivery: ["core", "store", "accounts", "events"],
  sandbox: ["core", "store", "accounts", "events"],
  relay: ["core", "store", "accounts"],
  jobs: ["core", "store", "accounts"],
  openapi: ["core", "store"],
  ui: ["core", "store", "accounts", "events", "webhooks", "delivery", "sandbox", "relay", "jobs"],
  "test-support": ["*"],
  // Fault-injection tests and their helpers (faults/model): test code, may use anything.
  faults: ["*"],
  ".": ["*"],
};

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
    }),
  );
  return files.flat();
}

const folderOf = (path: string) => {
  const parts = relative(SRC, path).split("/");
  return parts.length > 1 ? (parts[0] as string) : ".";
};

it("no import in the server runs back up the layers or sideways between features", async () => {
  const wrong: string[] = [];
  for (const file of await sourceFiles(SRC)) {
    const from = folderOf(file);
    const allowed = MAY_IMPORT[from];
    if (!allowed) {
      wrong.push(`${relative(SRC, file)}: the folder ${from} has no place in the layers`);
      continue;
    }
    const text = await readFile(file, "utf8");
    for (const [, specifier] of text.matchAll(/^(?:import|export)[^;]*?from "(\.[^"]+)"/gms)) {
      const target = resolve(dirname(file), specifier as string);
      if (!target.startsWith(SRC)) continue;
      const to = folderOf(target);
      if (to === from || allowed.includes("*") || allowed.includes(to)) continue;
      wrong.push(`${relative(SRC, file)} imports ${relative(SRC, target)} (${from} → ${to})`);
    }
  }
  expect(wrong).toEqual([]);
});
