import { RELAY_CHANNEL_ID_PATTERN } from "@hubhooks/schemas";
import { describe, expect, it } from "vitest";
import { newChannelId } from "./channel-store.js";

describe("relay channel ids", () => {
  // A CLI run with `relay events -aRht…` failed with "unknown option" (a fresh-clone run met one).
  it("never start with a dash, so they can follow a command, and keep their shape", () => {
    const ids = Array.from({ length: 20_000 }, newChannelId);
    expect(ids.filter((id) => id.startsWith("-"))).toEqual([]);
    expect(ids.every((id) => RELAY_CHANNEL_ID_PATTERN.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
