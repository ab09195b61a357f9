import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The files of the Space receiver template, as written into the user's directory. npm never packs a file named
 * .gitignore, so the copy inside the published package (templates/, see scripts/copy-templates.mjs) stores it
 * without the dot.
 */
export const SPACE_RECEIVER_FILES = [
  "README.md",
  "Dockerfile",
  ".dockerignore",
  ".gitignore",
  "package.json",
  "tsconfig.json",
  "app.ts",
] as const;

export const packedName = (file: string): string => (file === ".gitignore" ? "gitignore" : file);

/**
 * Where the template is read from: the copy packed into the published package, or examples/space-receiver in a
 * clone of the repository (the one copy that is committed).
 */
export function spaceReceiverTemplate(): { dir: string; packed: boolean } {
  const packedDir = fileURLToPath(new URL("../../../templates/space-receiver/", import.meta.url));
  if (existsSync(packedDir)) return { dir: packedDir, packed: true };
  return { dir: fileURLToPath(new URL("../../../../../examples/space-receiver/", import.meta.url)), packed: false };
}
