import { describe, expect, it } from "vitest";
import { lfsMatcher, lfsPointer } from "./lfs-pointer.js";

describe("which paths a .gitattributes sends to LFS", () => {
  it("reads filter=lfs patterns as git does: basename patterns at any depth, anchored paths, the last line wins", () => {
    const toLfs = lfsMatcher(
      [
        "# comment",
        "*.bin filter=lfs diff=lfs merge=lfs -text",
        "saved_model/**/* filter=lfs diff=lfs merge=lfs -text",
        "small.bin -filter",
        "*.txt text",
        "",
      ].join("\n"),
    );
    expect(toLfs("w.bin")).toBe(true);
    expect(toLfs("deep/down/w.bin")).toBe(true);
    expect(toLfs("saved_model/v1/vars.data")).toBe(true);
    expect(toLfs("small.bin")).toBe(false);
    expect(toLfs("notes.txt")).toBe(false);
    expect(toLfs("other/saved_model/x")).toBe(false);
    expect(lfsMatcher("")("w.bin")).toBe(false);
  });

  it("writes the pointer of spec v1 (what pointerSize measures)", () => {
    expect(lfsPointer("ab".repeat(32), 12).toString()).toBe(
      `version https://git-lfs.github.com/spec/v1\noid sha256:${"ab".repeat(32)}\nsize 12\n`,
    );
  });
});
