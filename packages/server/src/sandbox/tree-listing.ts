import { createHash } from "node:crypto";
import type { FileEntry } from "./content-store.js";
import { lfsPointer } from "./lfs-pointer.js";

/** A tree entry as the Hub's tree and paths-info APIs answer it (`RepoFile` / `RepoFolder` in huggingface_hub). */
export type TreeEntry =
  | { type: "file"; path: string; oid: string; size: number; lfs?: { oid: string; size: number; pointerSize: number } }
  | { type: "directory"; path: string; oid: string; size: 0 };

/**
 * A folder's id: the sandbox keeps no git trees, so a digest of what the folder holds (each file's path and blob
 * id), which changes exactly when its contents do, as a git tree id would.
 */
function folderOid(files: FileEntry[]): string {
  const hash = createHash("sha1");
  for (const file of files) hash.update(`${file.path}\0${file.oid}\n`);
  return hash.digest("hex");
}

/** Every folder of a ref with its files (recursively), from the ref's file listing alone. */
export function foldersOf(files: Iterable<FileEntry>): Map<string, FileEntry[]> {
  const folders = new Map<string, FileEntry[]>();
  for (const file of files) {
    const parts = file.path.split("/");
    for (let depth = 1; depth < parts.length; depth += 1) {
      const folder = parts.slice(0, depth).join("/");
      const held = folders.get(folder);
      if (held) held.push(file);
      else folders.set(folder, [file]);
    }
  }
  return folders;
}

export function fileEntry(file: FileEntry): TreeEntry {
  const size = Number(file.size);
  return {
    type: "file",
    path: file.path,
    oid: file.oid,
    size,
    ...(file.lfs_sha256 && { lfs: lfsInfo(file.lfs_sha256, size) }),
  };
}

/** What the Hub says of an LFS file in trees (`oid`) and repo info (`sha256`): the object and its pointer's size. */
export function lfsInfo(sha256: string, size: number) {
  return { oid: sha256, size, pointerSize: lfsPointer(sha256, size).length };
}

export function folderEntry(path: string, held: FileEntry[]): TreeEntry {
  const sorted = [...held].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { type: "directory", path, oid: folderOid(sorted), size: 0 };
}

/**
 * The entries under `folder` ("" for the root): its direct files and folders, or with `recursive` everything
 * beneath it, folders included. Sorted by path (a folder before what it holds), so a cursor is the last path
 * sent. Undefined when `folder` is not a folder of the ref.
 */
export function listTree(files: Map<string, FileEntry>, folder: string, recursive: boolean): TreeEntry[] | undefined {
  const folders = foldersOf(files.values());
  if (folder !== "" && !folders.has(folder)) return undefined;
  const prefix = folder === "" ? "" : `${folder}/`;
  const depth = (path: string) => path.slice(prefix.length).split("/").length;
  const within = (path: string) => path.startsWith(prefix) && (recursive || depth(path) === 1);
  const entries: TreeEntry[] = [];
  for (const file of files.values()) if (within(file.path)) entries.push(fileEntry(file));
  for (const [path, held] of folders) if (within(path)) entries.push(folderEntry(path, held));
  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
