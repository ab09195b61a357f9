import { describe, expect, it } from "vitest";
import { isValidNamespace, isValidRepoName } from "./watched.js";

// The rule as first written (one regexp with a lookahead, names split on "/"): the faster check must agree.
const REFERENCE_SEGMENT = /^(?!.*(?:--|\.\.))[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?$/;
const referenceRepoName = (name: string) => {
  const parts = name.split("/");
  return parts.length <= 2 && parts.every((part) => REFERENCE_SEGMENT.test(part));
};

describe("Hub names", () => {
  it("takes names and namespace/name, and refuses doubled separators, edges and extra slashes", () => {
    for (const name of ["gpt2", "openai-community/gpt2", "a", "a/b", "A.b_c-d/e.f", `${"x".repeat(96)}/y`]) {
      expect(isValidRepoName(name), name).toBe(true);
    }
    const refused = ["", "/", "a/", "/a", "a/b/c", "a--b", "a..b", "a/b--c", "a/b..c", "-a", "a-", ".a/b", "a/b."];
    for (const name of [...refused, "a b"]) {
      expect(isValidRepoName(name), name).toBe(false);
    }
    expect(isValidNamespace("julien-c")).toBe(true);
    for (const name of ["a/b", "a--b", "a..b", "-a", "", "x".repeat(97)]) {
      expect(isValidNamespace(name), name).toBe(false);
    }
  });

  it("agrees with the rule as first written on every short name over a small alphabet", () => {
    const alphabet = ["a", "Z", "0", "-", ".", "_", "/", " "];
    let names = [""];
    for (let length = 1; length <= 5; length++) {
      names = names.flatMap((prefix) => alphabet.map((c) => prefix + c));
      for (const name of names) {
        expect(isValidRepoName(name), name).toBe(referenceRepoName(name));
        expect(isValidNamespace(name), name).toBe(REFERENCE_SEGMENT.test(name));
      }
    }
    for (const name of ["x".repeat(96), "x".repeat(97), `${"x".repeat(96)}/${"y".repeat(96)}`, `a/${"y".repeat(97)}`]) {
      expect(isValidRepoName(name), name).toBe(referenceRepoName(name));
    }
  });
});
