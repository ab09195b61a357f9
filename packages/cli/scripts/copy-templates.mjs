// prepack: copies the templates `hubhooks init` writes (committed once, under examples/) into the package;
// postpack (--remove) deletes the copy, so a clone always reads examples/ itself.
import { cp, mkdir, rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const target = fileURLToPath(new URL("../templates/", import.meta.url));
await rm(target, { recursive: true, force: true });
if (!process.argv.includes("--remove")) {
  const { SPACE_RECEIVER_FILES, packedName } = await import("../dist/commands/init/template-files.js");
  const source = new URL("../../../examples/space-receiver/", import.meta.url);
  await mkdir(new URL("space-receiver/", `file://${target}`), { recursive: true });
  for (const file of SPACE_RECEIVER_FILES) {
    await cp(new URL(file, source), new URL(`space-receiver/${packedName(file)}`, `file://${target}`));
  }
}
