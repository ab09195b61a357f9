import { describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH, tooDeepAt } from "./json-limits.js";

const nestedObjects = (levels: number) => JSON.parse(`${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`);
const nestedArrays = (levels: number) => JSON.parse(`${"[".repeat(levels)}1${"]".repeat(levels)}`);

describe("tooDeepAt", () => {
  it("takes values up to the limit and names the first place past it, for objects and arrays", () => {
    expect(tooDeepAt(nestedObjects(MAX_JSON_DEPTH))).toBeUndefined();
    expect(tooDeepAt(nestedArrays(MAX_JSON_DEPTH))).toBeUndefined();
    expect(tooDeepAt(nestedObjects(MAX_JSON_DEPTH + 1))).toBe(Array(MAX_JSON_DEPTH).fill("a").join("."));
    expect(tooDeepAt(nestedArrays(MAX_JSON_DEPTH + 1))).toBe("[0]".repeat(MAX_JSON_DEPTH));
    expect(tooDeepAt({ x: [{ y: nestedObjects(3) }] }, 4)).toBe("x[0].y.a");
    expect(tooDeepAt({}, 0)).toBe("(body)");
    expect(tooDeepAt("text", 0)).toBeUndefined();
  });

  it("finds one deep branch among many shallow ones, wherever it is", () => {
    const batch = Array.from({ length: 1000 }, (_, i) => ({ event: { n: i }, repo: { tags: ["a"] } }));
    expect(tooDeepAt(batch)).toBeUndefined();
    (batch[500] as Record<string, unknown>).updatedConfig = nestedArrays(MAX_JSON_DEPTH);
    expect(tooDeepAt(batch)).toBe(`[500].updatedConfig${"[0]".repeat(MAX_JSON_DEPTH - 2)}`);
  });

  it("survives nesting far deeper than the call stack would", () => {
    expect(tooDeepAt(nestedArrays(100_000))).toBe("[0]".repeat(MAX_JSON_DEPTH));
  });
});
