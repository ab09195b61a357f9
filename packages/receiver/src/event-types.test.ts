import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { customEvent } from "./core/event-names.js";
import { WebhooksServer } from "./webhooks-server.js";

/** Type-checks a file against the built package, as a user's project would (strict, NodeNext). */
function typeErrors(fixture: string): Array<{ line: number; message: string }> {
  const file = fileURLToPath(new URL(`./test-support/types/${fixture}`, import.meta.url));
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
  });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => ({
    line: diagnostic.file ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1 : 0,
    message: ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"),
  }));
}

describe("on() is typed like octokit's", () => {
  it("narrows the payload and the context per event name; customEvent() is the escape hatch", () => {
    expect(typeErrors("typed-on.ts")).toEqual([]);
  }, 60_000);

  it("refuses unknown names (typos) and fields a scope does not have, at compile time", () => {
    const errors = typeErrors("typed-on-typo.ts");
    // One error on each of lines 5-8, none elsewhere.
    expect([...new Set(errors.map((error) => error.line))]).toEqual([5, 6, 7, 8]);
    expect(errors.find((error) => error.line === 5)?.message).toMatch(/"repo\.contnet"/);
    expect(errors.find((error) => error.line === 6)?.message).toMatch(/possibly 'null' or 'undefined'|comment/);
  }, 60_000);

  it("warns at run time about a name that is likely a typo or outside the Hub's scopes", () => {
    const warnings: string[] = [];
    const logger = { info: () => {}, warn: (message: string) => warnings.push(message), error: () => {} };
    const app = new WebhooksServer({ webhookSecret: "s", logger });
    app.on("repo.contnet" as never, () => {});
    app.on(customEvent("stripe.charge"), () => {});
    app.on(customEvent("repo.config.dois"), () => {});
    app.on("discussion.comment", () => {});
    expect(warnings).toEqual([
      'on("repo.contnet") matches no Hub event: did you mean "repo.content"?',
      'on("stripe.charge") matches no Hub event: names are "*", a scope (repo, repo.content, repo.config, discussion, discussion.comment) or "scope.action"',
    ]);
  });
});
