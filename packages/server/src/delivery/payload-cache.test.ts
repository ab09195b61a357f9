import { describe, expect, it } from "vitest";
import { PayloadCache } from "./payload-cache.js";

/** A stand-in for the events table: records which ids each load asked for. */
function eventsTable(ids: string[]) {
  const loads: string[][] = [];
  const rows = new Map(ids.map((id) => [id, `{"event":"${id}"}`]));
  const load = async (missing: string[]) => {
    loads.push(missing);
    return new Map(missing.flatMap((id) => (rows.has(id) ? [[id, rows.get(id) as string] as const] : [])));
  };
  return { loads, load, rows };
}

describe("payload cache", () => {
  it("loads only what it does not hold, in one call per claim", async () => {
    const table = eventsTable(["a", "b", "c"]);
    const cache = new PayloadCache(10);
    expect([...(await cache.payloadsFor(["a", "b", "a"], table.load)).keys()]).toEqual(["a", "b"]);
    expect([...(await cache.payloadsFor(["b", "c"], table.load)).keys()]).toEqual(["b", "c"]);
    expect(table.loads).toEqual([["a", "b"], ["c"]]);
  });

  it("stays within its capacity, dropping the least recently used", async () => {
    const table = eventsTable(["a", "b", "c", "d"]);
    const cache = new PayloadCache(3);
    await cache.payloadsFor(["a", "b", "c"], table.load);
    await cache.payloadsFor(["a"], table.load); // a is now the most recently used
    await cache.payloadsFor(["d"], table.load);
    expect(cache.size).toBe(3);
    table.loads.length = 0;
    await cache.payloadsFor(["a", "c", "d"], table.load);
    expect(table.loads).toEqual([]);
    await cache.payloadsFor(["b"], table.load);
    expect(table.loads).toEqual([["b"]]);
  });

  it("answers for every event of a claim even when the claim needs more than it holds, or its cached ones would be evicted", async () => {
    const ids = Array.from({ length: 8 }, (_, i) => `e${i}`);
    const table = eventsTable(ids);
    const cache = new PayloadCache(4);
    await cache.payloadsFor(["e0", "e1", "e2", "e3"], table.load);
    // e0 is cached and the four new ones would push it out: the claim still gets all five.
    const claim = await cache.payloadsFor(["e0", "e4", "e5", "e6", "e7"], table.load);
    expect([...claim.keys()].sort()).toEqual(["e0", "e4", "e5", "e6", "e7"]);
    expect(claim.get("e0")).toBe('{"event":"e0"}');
    expect(cache.size).toBe(4);
  });

  it("leaves out events without a payload, so their deliveries can fail alone", async () => {
    const table = eventsTable(["a"]);
    const cache = new PayloadCache(4);
    const claim = await cache.payloadsFor(["a", "gone"], table.load);
    expect(claim.has("gone")).toBe(false);
    expect(claim.get("a")).toBe('{"event":"a"}');
  });
});
