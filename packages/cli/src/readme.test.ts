import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const npx = (args: string[]) =>
  promisify(execFile)("npx", ["--no-install", "hubhooks", ...args], { cwd: ROOT, timeout: 30_000 });

describe("npx hubhooks after npm ci", () => {
  it("is linked in node_modules/.bin and runs", async () => {
    expect(existsSync(`${ROOT}/node_modules/.bin/hubhooks`)).toBe(true);
    const { stdout } = await npx(["--help"]);
    expect(stdout).toMatch(/Usage: hubhooks/);
    expect(stdout).toMatch(/serve/);
    expect(stdout).toMatch(/worker/);
  });

  it("knows every command the README runs with npx hubhooks", async () => {
    const readme = await readFile(`${ROOT}/README.md`, "utf8");
    const commands = new Set<string>();
    for (const match of readme.matchAll(/npx hubhooks ((?:[a-z]+ ?){1,2})/g)) {
      commands.add((match[1] as string).trim());
    }
    expect(commands.size).toBeGreaterThan(5);
    for (const command of commands) {
      const { stdout } = await npx([...command.split(" "), "--help"]);
      expect(stdout, command).toMatch(/Usage: hubhooks/);
    }
  }, 300_000);
});
