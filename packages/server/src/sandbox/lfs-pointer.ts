import ignore from "ignore";

/** The Git LFS pointer a repo's git tree holds for an object (spec v1): what `pointerSize` measures. */
export function lfsPointer(sha256: string, size: number): Buffer {
  return Buffer.from(`version https://git-lfs.github.com/spec/v1\noid sha256:${sha256}\nsize ${size}\n`);
}

/**
 * Which paths a `.gitattributes` sends to LFS (`filter=lfs`). As in git, the last line that matches a path and
 * names the filter decides: `-filter`, `!filter` or another filter take a path back out.
 */
export function lfsMatcher(gitattributes: string): (path: string) => boolean {
  const rules: Array<{ matches: (path: string) => boolean; lfs: boolean }> = [];
  for (const raw of gitattributes.split(/\r?\n/)) {
    const [pattern, ...attributes] = raw.trim().split(/\s+/);
    if (!pattern || pattern.startsWith("#") || pattern.startsWith("!")) continue;
    const filter = attributes.filter((a) => a === "-filter" || a === "!filter" || a.startsWith("filter=")).at(-1);
    if (filter === undefined) continue;
    const matcher = ignore().add(pattern);
    rules.push({ matches: (path) => matcher.ignores(path), lfs: filter === "filter=lfs" });
  }
  return (path) => {
    let lfs = false;
    for (const rule of rules) if (rule.matches(path)) lfs = rule.lfs;
    return lfs;
  };
}
