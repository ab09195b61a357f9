/** Deeper than any Hub payload or config; well below where recursive JSON code runs out of stack. */
export const MAX_JSON_DEPTH = 64;

/**
 * The path of the first value nested deeper than `maxDepth`, or undefined. Iterative, so the check itself
 * cannot overflow the stack that it protects.
 */
export function tooDeepAt(value: unknown, maxDepth = MAX_JSON_DEPTH): string | undefined {
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
