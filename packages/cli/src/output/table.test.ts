import { describe, expect, it } from "vitest";
import { tableWidth } from "./format.js";
import { formatTable, middle } from "./table.js";

const rows = [
  ["ID", "URL", "WATCHED"],
  [
    "6b06b70f47bcce3fa49cef67",
    `https://example.com/${"very-long-path/".repeat(8)}end`,
    "user:julien-c, model:openai-community/gpt2, org:huggingface",
  ],
];

describe("tables", () => {
  it("fit the width given, cutting long cells in the middle", () => {
    const lines = formatTable(rows, [1, 2], 100).split("\n");
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
    expect(lines[1]).toContain("6b06b70f47bcce3fa49cef67");
    expect(lines[1]).toMatch(/ {2}https:\/\/\S*…\S*end {2}/);
  });

  it("cut nothing when the terminal is wide enough, or when there is no limit", () => {
    for (const width of [240, Number.POSITIVE_INFINITY]) {
      const lines = formatTable(rows, [1, 2], width).split("\n");
      expect(lines[1]).toContain(rows[1]?.[1]);
      expect(lines[1]).toContain(rows[1]?.[2]);
      expect(lines[1]).not.toContain("…");
      expect(lines[0]?.indexOf("URL")).toBe(lines[1]?.indexOf("https://"));
    }
  });

  it("are as wide as a terminal, and unlimited on a pipe", () => {
    expect(tableWidth({ isTTY: true, columns: 220 })).toBe(220);
    expect(tableWidth({ isTTY: true, columns: 60 })).toBe(60);
    expect(tableWidth({})).toBe(Number.POSITIVE_INFINITY);
  });

  it("keeps both ends of a cut cell", () => {
    expect(middle("model/julien-c/a-very-long-model-name", 20)).toBe("model/juli…odel-name");
    expect(middle("short", 20)).toBe("short");
  });
});
