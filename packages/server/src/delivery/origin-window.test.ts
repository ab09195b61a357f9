import { describe, expect, it } from "vitest";
import { OriginWindow } from "./origin-window.js";

describe("origin window", () => {
  it("starts up to the bound per origin, queues twice as many more, and refuses the rest", () => {
    const window = new OriginWindow<string>(2);
    const admitted = ["a1", "a2", "a3", "a4", "a5", "a6", "a7"].map((item) => window.admit("https://a", "wa", item));
    expect(admitted).toEqual(["started", "started", "queued", "queued", "queued", "queued", "refused"]);
    expect(window.admit("https://b", "wb", "b1")).toBe("started");
    expect(window.inFlight).toBe(3);
    expect(window.size).toBe(7);
  });

  it("starts the origin's queued work in arrival order as its attempts finish", () => {
    const window = new OriginWindow<string>(1);
    window.admit("https://a", "wa", "a1");
    window.admit("https://a", "wa", "a2");
    expect(window.release("https://a").next).toBe("a2");
    expect(window.release("https://a").next).toBeUndefined();
    expect(window.size).toBe(0);
    expect(window.inFlight).toBe(0);
  });

  it("names the webhooks of an origin whose queue holds a round as busy, until the queue runs low", () => {
    const window = new OriginWindow<string>(2);
    for (let i = 0; i < 3; i++) window.admit("https://slow", "w1", `s${i}`);
    window.admit("https://fast", "w3", "f0");
    expect(window.busyWebhooks()).toEqual([]);
    window.admit("https://slow", "w2", "s3"); // two queued: a round of 2
    expect(window.busyWebhooks().sort()).toEqual(["w1", "w2"]);
    // The first finished attempt starts a queued one: the queue runs low and the origin wants work again.
    expect(window.release("https://slow")).toEqual({ next: "s2", hungry: true });
    expect(window.busyWebhooks()).toEqual([]);
    expect(window.release("https://slow")).toEqual({ next: "s3", hungry: false });
  });

  it("hands every queued item back on drain, none of those in flight", () => {
    const window = new OriginWindow<string>(1);
    window.admit("https://a", "wa", "a1");
    window.admit("https://a", "wa", "a2");
    window.admit("https://b", "wb", "b1");
    expect(window.drain()).toEqual(["a2"]);
    expect(window.size).toBe(2);
    expect(window.busyWebhooks()).toEqual([]);
  });
});
