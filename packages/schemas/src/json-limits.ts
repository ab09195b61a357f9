/** Deeper than any Hub payload or config; well below where recursive JSON code runs out of stack. */
export const MAX_JSON_DEPTH = 64;

/**
 * The path of the first value nested deeper than `maxDepth`, or undefined. Iterative, so the check itself
 * cannot overflow the stack that it protects. Every ingest batch passes through here: the common case (not too
 * deep) is one walk that builds no paths; the path is worked out only for a body that fails.
 */
export function tooDeepAt(value: unknown, maxDepth = MAX_JSON_DEPTH): string | undefined {
  return nestedDeeperThan(value, maxDepth) ? pathTooDeep(value, maxDepth) : undefined;
}

/** Whether any object or array sits `maxDepth` containers deep: a walk that allocates only its stack. */
function nestedDeeperThan(root: unknown, maxDepth: number): boolean {
  if (root === null || typeof root !== "object") return false;
  const values: object[] = [root];
  const depths: number[] = [0];
  while (values.length > 0) {
    const value = values.pop() as object;
    const depth = depths.pop() as number;
    if (depth >= maxDepth) return true;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const child: unknown = value[i];
        if (child !== null && typeof child === "object") {
          values.push(child);
          depths.push(depth + 1);
        }
      }
    } else {
      const record = value as Record<string, unknown>;
      for (const key in record) {
        if (!Object.hasOwn(record, key)) continue;
        const child = record[key];
        if (child !== null && typeof child === "object") {
          values.push(child);
          depths.push(depth + 1);
        }
      }
    }
  }
  return false;
}

/** The slow walk that names the place (`a.b[3].c`) of the first value too deep. */
function pathTooDeep(value: unknown, maxDepth: number): string | undefined {
  const stack: Array<{ value: unknown; depth: number; path: string }> = [{ value, depth: 0, path: "" }];
  while (stack.length > 0) {
    const item = stack.pop() as { value: unknown; depth: number; path: string };
    if (item.value === null || typeof item.value !== "object") continue;
    if (item.depth >= maxDepth) return item.path || "(body)";
    for (const [key, child] of Object.entries(item.value)) {
      if (child !== null && typeof child === "object") {
        const path = Array.isArray(item.value) ? `${item.path}[${key}]` : item.path ? `${item.path}.${key}` : key;
        stack.push({ value: child, depth: item.depth + 1, path });
      }
    }
  }
  return undefined;
}
