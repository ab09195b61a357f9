import { access, mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { CliError } from "../../cli-error.js";
import { addOutputOptions, type OutputFlags } from "../../output/format.js";
import { printResult } from "../../output/print.js";
import { packedName, SPACE_RECEIVER_FILES, spaceReceiverTemplate } from "./template-files.js";

/** Writes the template into `dir`, refusing to replace any file that is already there. */
export async function writeSpaceReceiver(dir: string): Promise<void> {
  const template = spaceReceiverTemplate();
  const existing: string[] = [];
  for (const file of SPACE_RECEIVER_FILES) {
    if (
      await access(join(dir, file)).then(
        () => true,
        () => false,
      )
    )
      existing.push(file);
  }
  if (existing.length) {
    throw new CliError(`${dir} already has ${existing.join(", ")}: remove them or choose another directory`);
  }
  await mkdir(dir, { recursive: true });
  for (const file of SPACE_RECEIVER_FILES) {
    const source = join(template.dir, template.packed ? packedName(file) : file);
    await writeFile(join(dir, file), await readFile(source));
  }
}

/** `hubhooks init receiver [dir]`: a Hugging Face Space (Docker SDK) that receives Hub webhooks. */
export function registerInit(program: Command): void {
  const init = program.command("init").description("write a starter project");
  addOutputOptions(
    init
      .command("receiver [dir]")
      .description(
        "a Hugging Face Space (Docker SDK) receiving Hub webhooks with @hubhooks/receiver: README.md (the Space's settings), Dockerfile, package.json, app.ts",
      ),
    "the directory written",
  ).action(async (dir: string | undefined, options: OutputFlags) => {
    const target = dir ?? "space-receiver";
    await writeSpaceReceiver(resolve(target));
    printResult(options, {
      json: { dir: resolve(target), files: SPACE_RECEIVER_FILES },
      quiet: resolve(target),
      table: [
        `Wrote ${SPACE_RECEIVER_FILES.join(", ")} to ${target.replace(/\/*$/, "/")}`,
        "Next: create a Space with the Docker SDK, push these files to it, add the secret WEBHOOK_SECRET in its",
        "settings, then create a webhook with the URL its logs print (README.md says how).",
      ].join("\n"),
    });
  });
}
