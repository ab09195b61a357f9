import { describe, expect, it } from "vitest";
import { formatTable, middle } from "./table.js";

describe("tables", () => {
  it("fit 100 columns, cutting long cells in the middle", () => {
    const rows = [
      ["ID", "URL", "WATCHED"],
      [
        "6b06b70f47bcce3fa49cef67",
        `https://example.com/${"very-long-path/".repeat(8)}end`,
        "user:julien-c, model:openai-community/gpt2, org:huggingface",
      ],
    ];
    const lines = formatTable(rows, [1, 2]).split("\n");
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
    expect(lines[1]).toContain("6b06b70f47bcce3fa49cef67");
    expect(lines[1]).toMatch(/ {2}https:\/\/\S*…\S*end {2}/);
  });

  it("keeps both ends of a cut cell", () => {
    expect(middle("model/julien-c/a-very-long-model-name", 20)).toBe("model/juli…odel-name");
    expect(middle("short", 20)).toBe("short");
  });
});
