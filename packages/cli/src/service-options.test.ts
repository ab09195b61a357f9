import { describe, expect, it } from "vitest";
import { isLoopbackHost, parseBoolean, parseHttpUrl, parseWhole } from "./service-options.js";

const setting = { flag: "--rate-limit", env: "HUBHOOKS_RATE_LIMIT" };

describe("strict option parsing", () => {
  it("reads booleans strictly: false means false, anything unknown is an error naming the variable", () => {
    for (const word of ["1", "true", "YES", "on"]) expect(parseBoolean(word, setting)).toBe(true);
    for (const word of ["0", "false", "No", "off"]) expect(parseBoolean(word, setting)).toBe(false);
    expect(() => parseBoolean("nah", setting)).toThrow(/HUBHOOKS_RATE_LIMIT="nah" is not a boolean/);
  });

  it("takes whole numbers in range only", () => {
    expect(parseWhole("1000", setting, "", 1, 10_000)).toBe(1000);
    for (const bad of ["abc", "-5", "1.5", "1e3", "", " ", "0x10", "99999"]) {
      expect(() => parseWhole(bad, setting, "", 1, 10_000), bad).toThrow(
        /--rate-limit must be a whole number from 1 to 10000/,
      );
    }
  });

  it("takes http(s) URLs only", () => {
    expect(parseHttpUrl("http://127.0.0.1:7861/", setting)).toBe("http://127.0.0.1:7861");
    for (const bad of ["notaurl", "ftp://x", "http://", "/relative"])
      expect(() => parseHttpUrl(bad, setting)).toThrow(/http\(s\) URL/);
  });

  it("decides loopback from the parsed address, not a prefix", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ["127.foo.example", "0.0.0.0", "::", "10.0.0.1", "example.com", "1270.0.0.1"]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});
