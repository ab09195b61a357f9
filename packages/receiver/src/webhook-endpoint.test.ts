import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { EXAMPLE_REPO_CONTENT_UPDATED } from "@hubhooks/schemas";
import { afterAll, describe, expect, it } from "vitest";

const entry = pathToFileURL(join(import.meta.dirname, "../dist/index.js")).href;

describe("webhookEndpoint in a real script", () => {
  let dir: string;
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("starts one shared server after the script's setup and serves every endpoint", async () => {
    dir = await mkdtemp(join(tmpdir(), "hubhooks-endpoint-"));
    const script = join(dir, "app.mjs");
    await writeFile(
      script,
      `import { webhookEndpoint } from ${JSON.stringify(entry)};
webhookEndpoint(async function trigger_training(payload) { return { training: payload.repo.name }; });
webhookEndpoint("evaluate", (payload) => ({ evaluating: payload.event.scope }));
`,
    );
    const child = spawn(process.execPath, [script], { env: { ...process.env, PORT: "0", WEBHOOK_SECRET: "xyz" } });
    try {
      let output = "";
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(output)), 10_000);
        child.stdout.on("data", (chunk) => {
          output += chunk;
          if (/webhooks\/evaluate/.test(output)) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      expect(output).toContain("Webhook secret is correctly defined.");
      expect(output).toContain("Webhooks are correctly setup and ready to use:");
      const urls = [...output.matchAll(/ {2}- POST (\S+)/g)].map((match) => match[1] as string);
      expect(urls.map((url) => new URL(url).pathname)).toEqual(["/webhooks/trigger_training", "/webhooks/evaluate"]);
      const send = (url: string) =>
        fetch(url, {
          method: "POST",
          headers: { "x-webhook-secret": "xyz" },
          body: JSON.stringify(EXAMPLE_REPO_CONTENT_UPDATED),
        }).then((res) => res.json());
      expect(await send(urls[0] as string)).toEqual({ training: "Wauplin/gradio-user-history" });
      expect(await send(urls[1] as string)).toEqual({ evaluating: "repo.content" });
    } finally {
      child.kill();
    }
  });
});
