import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { createProgram } from "../program.js";
import { outputFormat } from "./format.js";

/** The service processes log (pino) rather than print a result: the one place without the output options. */
const SERVICES = ["hubhooks serve", "hubhooks worker"];

function leaves(command: Command, path = "hubhooks"): Array<{ path: string; command: Command }> {
  if (command.commands.length === 0) return [{ path, command }];
  return command.commands.flatMap((child) => leaves(child, `${path} ${child.name()}`));
}

describe("one output rule", () => {
  it("every command takes --format table|json|quiet, --json, -q and --no-truncate", () => {
    const commands = leaves(createProgram()).filter(({ path }) => !SERVICES.includes(path));
    expect(commands.length).toBeGreaterThan(30);
    for (const { path, command } of commands) {
      const flags = command.options.map((option) => option.flags);
      expect({ path, flags }).toEqual({
        path,
        flags: expect.arrayContaining(["--format <format>", "--json", "-q, --quiet", "--no-truncate"]),
      });
      const format = command.options.find((option) => option.long === "--format");
      expect({ path, default: format?.defaultValue }).toEqual({ path, default: "table" });
    }
  });

  it("--json and -q win over --format; text still means table", () => {
    expect(outputFormat({ format: "table", json: true })).toBe("json");
    expect(outputFormat({ format: "table", quiet: true })).toBe("quiet");
    expect(outputFormat({ format: "text" })).toBe("table");
    expect(outputFormat({})).toBe("table");
    expect(() => outputFormat({ format: "yaml" })).toThrow(/table, json, quiet/);
  });
});
