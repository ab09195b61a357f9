import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { Command } from "commander";
import { CliError } from "../cli-error.js";
import { addHubOptions, credentials } from "../hub-options.js";
import { addOutputOptions, type OutputFlags } from "../output/format.js";
import { printResult } from "../output/print.js";
import { runClientAction } from "../run-action.js";
import { repoArgument, repoTypeOption } from "./repo-argument.js";
import { confirm } from "./webhooks/confirm.js";

const client = () => import("@hubhooks/client");

/** `hubhooks repos …`: create, move, change and upload to repos on a hubhooks sandbox (or the Hub). */
export function registerRepos(program: Command): void {
  const repos = addHubOptions(
    program
      .command("repos")
      .description(
        "create and change repos on a hubhooks server's Hub sandbox (or huggingface.co): each change fires its webhook event",
      ),
  );

  addOutputOptions(
    repos
      .command("create <repo>")
      .description('create "namespace/name" (your user or one of your orgs)')
      .addOption(repoTypeOption())
      .option("--private", "only you (or the org's members) can see it")
      .option(
        "--canonical",
        'a repo without a namespace, like "gpt2" (hubhooks sandbox, publisher tokens such as admin)',
      )
      .option("--exist-ok", "no error when the repo already exists (as hf repo create --exist-ok)"),
  ).action(
    async (
      repo: string,
      options: OutputFlags & { type?: string; private?: boolean; canonical?: boolean; existOk?: boolean },
      command: Command,
    ) => {
      await runClientAction(async () => {
        const api = await client();
        const hub = credentials(command);
        const id = await repoArgument(repo, options.type);
        const created = await api
          .createRepo({
            ...hub,
            repo: id,
            private: options.private ?? false,
            ...(options.canonical && { canonical: true }),
          })
          .catch((error: unknown) => {
            // 409: it exists. With --exist-ok that is the answer wanted; its URL is where the Hub keeps it.
            if (!options.existOk || !(error instanceof api.HubApiError) || error.statusCode !== 409) throw error;
            return undefined;
          });
        const prefix = id.type === "model" ? "" : `${id.type}s/`;
        const repoUrl = created?.repoUrl ?? `${hub.hubUrl.replace(/\/+$/, "")}/${prefix}${id.name}`;
        printResult(options, { json: { repoUrl }, quiet: repoUrl, table: repoUrl });
      });
    },
  );

  addOutputOptions(
    repos
      .command("delete <repo>")
      .description("delete a repo, for good")
      .addOption(repoTypeOption())
      .option("-y, --yes", "do not ask for confirmation"),
  ).action(async (repo: string, options: OutputFlags & { type?: string; yes?: boolean }, command: Command) => {
    if (!options.yes && !(await confirm(`Delete ${repo} and its discussions?`))) {
      throw new CliError("aborted, nothing deleted");
    }
    await runClientAction(async () => {
      await (await client()).deleteRepo({ ...credentials(command), repo: await repoArgument(repo, options.type) });
      printResult(options, { json: { deleted: repo }, quiet: repo, table: `Deleted ${repo}` });
    });
  });

  addOutputOptions(
    repos
      .command("move <repo> <to>")
      .description('rename or transfer a repo to "namespace/name"')
      .addOption(repoTypeOption()),
  ).action(async (repo: string, to: string, options: OutputFlags & { type?: string }, command: Command) => {
    await runClientAction(async () => {
      await (await client()).moveRepo({ ...credentials(command), repo: await repoArgument(repo, options.type), to });
      printResult(options, { json: { moved: repo, to }, quiet: to, table: `Moved ${repo} to ${to}` });
    });
  });

  addOutputOptions(
    repos
      .command("settings <repo>")
      .description("make a repo private or public (fires repo.config)")
      .addOption(repoTypeOption())
      .option("--private", "make it private")
      .option("--public", "make it public"),
  ).action(
    async (
      repo: string,
      options: OutputFlags & { type?: string; private?: boolean; public?: boolean },
      command: Command,
    ) => {
      if (options.private === options.public) throw new CliError("give one of --private or --public");
      await runClientAction(async () => {
        await (await client()).updateRepoSettings({
          ...credentials(command),
          repo: await repoArgument(repo, options.type),
          private: options.private === true,
        });
        const visibility = options.private ? "private" : "public";
        printResult(options, {
          json: { repo, private: options.private === true },
          quiet: visibility,
          table: `${repo} is now ${visibility}`,
        });
      });
    },
  );

  addOutputOptions(
    repos
      .command("upload <repo> <file> [path-in-repo]")
      .description("commit one small file (fires repo.content)")
      .addOption(repoTypeOption())
      .option("-m, --message <message>", "commit message")
      .option("--branch <ref>", 'branch or pull request ref, e.g. "refs/pr/1" (default main)')
      .option("--pr", "open a pull request with the commit"),
  ).action(
    async (
      repo: string,
      file: string,
      pathInRepo: string | undefined,
      options: OutputFlags & { type?: string; message?: string; branch?: string; pr?: boolean },
      command: Command,
    ) => {
      const content = await readFile(file).catch((error: NodeJS.ErrnoException) => {
        throw new CliError(`cannot read ${file}: ${error.code ?? error.message}`);
      });
      await runClientAction(async () => {
        const output = await (await client()).uploadFile({
          ...credentials(command),
          repo: await repoArgument(repo, options.type),
          file: { path: pathInRepo ?? basename(file), content: new Uint8Array(content) },
          ...(options.message && { commitTitle: options.message }),
          ...(options.branch && { branch: options.branch }),
          ...(options.pr && { isPullRequest: true }),
        });
        const url = output.pullRequestUrl ?? output.commit.url;
        printResult(options, { json: output, quiet: url, table: url });
      });
    },
  );
}
