import type { DiscussionDetails, DiscussionEvent } from "@hubhooks/client";
import type { Command } from "commander";
import { addHubOptions, credentials } from "../hub-options.js";
import { addOutputOptions, type OutputFlags, type OutputFormat, outputFormat } from "../output/format.js";
import { printJson, printLines, printResult } from "../output/print.js";
import { printTable } from "../output/table.js";
import { runClientAction } from "../run-action.js";
import { oneLine, say } from "../terminal.js";
import { parseNum, repoArgument, repoTypeOption } from "./repo-argument.js";

const client = () => import("@hubhooks/client");

function describeEvent(event: DiscussionEvent): string {
  if (event.type === "comment") return event.hidden ? "(hidden comment)" : event.content;
  if (event.type === "status-change") return `changed the status to ${String(event.data.status)}`;
  if (event.type === "title-change") return `renamed it to "${String(event.data.to)}"`;
  return `pushed ${String(event.data.oid).slice(0, 7)}: ${String(event.data.subject)}`;
}

function printDiscussion(discussion: DiscussionDetails, format: OutputFormat): void {
  if (format === "json") {
    printJson(discussion);
    return;
  }
  if (format === "quiet") {
    say(String(discussion.num));
    return;
  }
  say(
    `#${discussion.num} ${oneLine(discussion.title)}  [${discussion.isPullRequest ? "pull request, " : ""}${discussion.status}]`,
  );
  for (const event of discussion.events) {
    say(`\n${event.author} · ${event.createdAt.toISOString()}${event.type === "comment" ? ` · ${event.id}` : ""}`);
    say(`  ${describeEvent(event).replaceAll("\n", "\n  ")}`);
  }
}

/** `hubhooks discussions …`: the community tab of a repo, from the command line; each change fires its event. */
export function registerDiscussions(program: Command): void {
  const discussions = addHubOptions(
    program
      .command("discussions")
      .description("read and write discussions and pull requests (hubhooks sandbox or huggingface.co)"),
  );
  /** Registers `name <repo> <num> …args` with the repo and number parsed and credentials at hand. */
  const onDiscussion = (
    name: string,
    description: string,
    run: (
      target: { repo: Awaited<ReturnType<typeof repoArgument>>; num: number; command: Command },
      args: string[],
      options: OutputFlags & { type?: string; comment?: string },
    ) => Promise<void>,
    extra: string[] = [],
  ) =>
    addOutputOptions(
      discussions
        .command(`${name} <repo> <num> ${extra.join(" ")}`.trim())
        .description(description)
        .addOption(repoTypeOption()),
    ).action(async (repo: string, num: string, ...rest: unknown[]) => {
      const command = rest.at(-1) as Command;
      const options = rest.at(-2) as OutputFlags & { type?: string; comment?: string };
      const args = rest.slice(0, -2) as string[];
      await runClientAction(async () => {
        await run({ repo: await repoArgument(repo, options.type), num: parseNum(num), command }, args, options);
      });
    });

  addOutputOptions(
    discussions
      .command("ls <repo>")
      .alias("list")
      .description("list a repo's discussions and pull requests, newest first")
      .addOption(repoTypeOption())
      .option("--status <status>", "open, closed or all (default all)"),
    "numbers only, one a line",
  ).action(
    async (
      repo: string,
      options: OutputFlags & { type?: string; status?: "open" | "closed" | "all" },
      command: Command,
    ) => {
      await runClientAction(async () => {
        const rows = [];
        for await (const d of (await client()).listDiscussions({
          ...credentials(command),
          repo: await repoArgument(repo, options.type),
          ...(options.status && { status: options.status }),
        })) {
          rows.push(d);
        }
        const format = outputFormat(options);
        if (format === "json") {
          printJson(rows);
        } else if (format === "quiet") {
          printLines(rows.map((d) => String(d.num)));
        } else if (rows.length === 0) {
          say("No discussion yet.");
        } else {
          const cells = rows.map((d) => [
            `#${d.num}`,
            d.isPullRequest ? "pull request" : "discussion",
            d.status,
            d.author,
            d.title,
          ]);
          printTable([["NUM", "KIND", "STATUS", "AUTHOR", "TITLE"], ...cells], [4]);
        }
      });
    },
  );

  onDiscussion(
    "show",
    "show a discussion with every comment and change",
    async ({ repo, num, command }, _args, options) => {
      printDiscussion(
        await (await client()).getDiscussion({ ...credentials(command), repo, num }),
        outputFormat(options),
      );
    },
  );

  addOutputOptions(
    discussions
      .command("create <repo>")
      .description("open a discussion (or, with --pr, a draft pull request)")
      .addOption(repoTypeOption())
      .requiredOption("--title <title>", "its title")
      .option("--description <text>", "the first comment")
      .option("--pr", "open a pull request instead (commit to it with: hubhooks repos upload … --branch refs/pr/N)"),
    "its number",
  ).action(
    async (
      repo: string,
      options: OutputFlags & { type?: string; title: string; description?: string; pr?: boolean },
      command: Command,
    ) => {
      await runClientAction(async () => {
        const api = await client();
        const open = options.pr ? api.createPullRequest : api.createDiscussion;
        const created = await open({
          ...credentials(command),
          repo: await repoArgument(repo, options.type),
          title: options.title,
          ...(options.description && { description: options.description }),
        });
        printResult(options, {
          json: created,
          quiet: String(created.num),
          table: `Opened #${created.num}${options.pr ? ` (ref refs/pr/${created.num})` : ""}`,
        });
      });
    },
  );

  onDiscussion(
    "comment",
    "post a comment",
    async ({ repo, num, command }, [text], options) => {
      const comment = await (await client()).commentDiscussion({
        ...credentials(command),
        repo,
        num,
        comment: text ?? "",
      });
      printResult(options, { json: comment, quiet: comment.id, table: `Commented ${comment.id}` });
    },
    ["<text>"],
  );
  onDiscussion(
    "edit",
    "replace the text of your comment",
    async ({ repo, num, command }, [commentId, text], options) => {
      await (await client()).editDiscussionComment({
        ...credentials(command),
        repo,
        num,
        commentId: commentId ?? "",
        content: text ?? "",
      });
      printResult(options, { json: { edited: commentId }, quiet: commentId ?? "", table: `Edited ${commentId}` });
    },
    ["<comment-id>", "<text>"],
  );
  onDiscussion(
    "hide",
    "hide a comment, for good",
    async ({ repo, num, command }, [commentId], options) => {
      await (await client()).hideDiscussionComment({ ...credentials(command), repo, num, commentId: commentId ?? "" });
      printResult(options, { json: { hidden: commentId }, quiet: commentId ?? "", table: `Hid ${commentId}` });
    },
    ["<comment-id>"],
  );
  onDiscussion(
    "rename",
    "change the title",
    async ({ repo, num, command }, [title], options) => {
      await (await client()).renameDiscussion({ ...credentials(command), repo, num, title: title ?? "" });
      printResult(options, { json: { num, title }, quiet: String(num), table: `Renamed #${num}` });
    },
    ["<title>"],
  );
  for (const [name, status] of [
    ["close", "closed"],
    ["reopen", "open"],
  ] as const) {
    onDiscussion(name, `${name} a discussion or pull request`, async ({ repo, num, command }, _args, options) => {
      await (await client()).changeDiscussionStatus({
        ...credentials(command),
        repo,
        num,
        status,
        ...(options.comment && { comment: options.comment }),
      });
      printResult(options, { json: { num, status }, quiet: String(num), table: `#${num} is ${status}` });
    }).option("--comment <text>", "say why");
  }
  onDiscussion("merge", "merge a pull request into main", async ({ repo, num, command }, _args, options) => {
    await (await client()).mergePullRequest({
      ...credentials(command),
      repo,
      num,
      ...(options.comment && { comment: options.comment }),
    });
    printResult(options, { json: { merged: num }, quiet: String(num), table: `Merged #${num}` });
  }).option("--comment <text>", "a comment with the merge");
}
