import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { EXAMPLE_REPO_CONTENT_UPDATED } from "@hubhooks/schemas";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../../../../test-support/cli.js";
import { createTestDatabase, DIALECTS } from "../../../../../test-support/databases.js";
import { parseDockerfile } from "../../../../../test-support/dockerfile.js";
import { SecretCheckingReceiver, sendRaw, startListen } from "../../../../../test-support/listen.js";
import {
  copyContext,
  noContainerEngine,
  runSpaceTemplate,
  spacePort,
} from "../../../../../test-support/space-template.js";

const ROOT = fileURLToPath(new URL("../../../../../", import.meta.url));
const RECIPE = join(ROOT, "examples", "space-relay");
const SPACE_HOST = "demo-user-relay.hf.space";
const TOKEN = `hf_${"relaySpaceToken".repeat(3)}`;
const engineMissing = await noContainerEngine();
const HOW =
  engineMissing === undefined
    ? "image built and run with docker"
    : "no container engine here, so the Dockerfile's steps and CMD run without one, in the same environment";

describe(`the relay Space recipe, examples/space-relay (${HOW})`, () => {
  const receiver = new SecretCheckingReceiver("hub-secret");
  afterAll(() => receiver.stop());

  it("declares a Docker Space on port 7860 that runs as uid 1000", async () => {
    const readme = await readFile(join(RECIPE, "README.md"), "utf8");
    const front = readme.split("---")[1] ?? "";
    expect(front).toMatch(/^sdk: docker$/m);
    expect(front).toMatch(/^app_port: 7860$/m);
    const [stage] = parseDockerfile(await readFile(join(RECIPE, "Dockerfile"), "utf8")).slice(-1);
    const keywords = stage?.instructions.map((i) => `${i.keyword} ${i.args}`) ?? [];
    expect(keywords).toContain("EXPOSE 7860");
    expect(keywords).toContain("USER node");
    expect(stage?.instructions.at(-1)?.keyword).toBe("CMD");
  });

  it.each(DIALECTS)("serves only the relay, on SPACE_HOST's URL, with %s as its database", async (dialect) => {
    await receiver.start();
    const database = dialect === "postgres" ? await createTestDatabase("postgres") : undefined;
    const port = String(await spacePort());
    const secrets = database ? { HUBHOOKS_DATABASE_URL: database.location } : {};
    const space = await runSpaceTemplate(
      await copyContext(RECIPE),
      { PORT: port, SPACE_HOST, HUBHOOKS_ADMIN_TOKEN: TOKEN, ...secrets },
      /hubhooks is listening on/,
    );
    try {
      expect(space.output()).toContain(`Channels:  https://${SPACE_HOST}/relay/<channel id>`);
      expect(space.output()).toContain(dialect === "postgres" ? "(PostgreSQL)" : "data/hubhooks.db (SQLite)");
      if (process.getuid?.() === 0 || engineMissing === undefined) expect(await space.uid()).toBe(1000);
      expect(await space.healthcheck()).toBe(0);
      // The Space's proxy routes https://SPACE_HOST to the app's port: here, the local URL.
      const hub = { HF_ENDPOINT: space.localUrl, HF_TOKEN: TOKEN };
      const created = await runCli(["relay", "create", "--format", "json"], hub);
      expect(created.code, created.stderr).toBe(0);
      const channel = JSON.parse(created.stdout) as { id: string; url: string };
      expect(channel.url).toBe(`https://${SPACE_HOST}/relay/${channel.id}`);
      const management = await fetch(`${space.localUrl}/api/settings/webhooks`, {
        headers: { Authorization: `Bearer ${TOKEN}` },
      });
      expect(management.status).toBe(404);

      const body = Buffer.from(JSON.stringify(EXAMPLE_REPO_CONTENT_UPDATED));
      const headers = ["Content-Type", "application/json", "X-Webhook-Secret", "hub-secret"];
      const sent = await sendRaw(`${space.localUrl}/relay/${channel.id}`, headers, body);
      expect(sent.status).toBe(200);
      const listener = await startListen(["--channel", channel.id, "--forward-to", `${receiver.url}/webhooks/x`], hub);
      const deadline = Date.now() + 20_000;
      while (receiver.requests.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await listener.stop();
      expect(receiver.requests.at(-1)?.body.equals(body)).toBe(true);
      expect(receiver.requests.at(-1)?.header("X-Webhook-Secret")).toBe("hub-secret");
    } finally {
      await space.stop();
      await receiver.stop();
      await database?.drop();
    }
  });
});
