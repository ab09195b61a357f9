const encoder = new TextEncoder();

/**
 * Compares two strings in time that depends only on their lengths, never on where they differ.
 * Pure JS so it runs in every fetch runtime (no node:crypto).
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  let difference = left.length ^ right.length;
  for (let i = 0; i < left.length; i++) difference |= (left[i] ?? 0) ^ (right[i % (right.length || 1)] ?? 0);
  return difference === 0;
}
