import { mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, type ServeProcess, startServe } from "../../../../test-support/cli.js";
import { createTestDatabase, type TestDatabase } from "../../../../test-support/databases.js";
import { resolveToken } from "./resolve-token.js";

describe("the token, looked up as hf does", () => {
  let database: TestDatabase;
  let serve: ServeProcess;
  let home: string;
  let admin: string;
  const ls = (env: Record<string, string>, ...args: string[]) =>
    runCli(["webhooks", "ls", "--json", "--verbose", "--endpoint", serve.url, ...args], env);

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    serve = await startServe(["--database", database.location]);
    admin = serve.adminToken as string;
    home = await mkdtemp(join(tmpdir(), "hubhooks-token-"));
  });
  afterAll(async () => {
    await serve?.stop();
    await database?.drop();
    await rm(home, { recursive: true, force: true });
  });

  it("reads the token file of hf auth login ($HF_HOME/token, or HF_TOKEN_PATH) and says so with --verbose", async () => {
    const hfHome = join(home, "hf");
    await rm(hfHome, { recursive: true, force: true });
    await mkdir(hfHome, { recursive: true });
    await writeFile(join(hfHome, "token"), `${admin}\n`);
    const fromFile = await ls({ HF_TOKEN: "", HF_HOME: hfHome });
    expect(fromFile.code).toBe(0);
    expect(JSON.parse(fromFile.stdout)).toEqual([]);
    expect(fromFile.stderr).toBe(
      `Endpoint: ${serve.url} (--endpoint); token: ${join(hfHome, "token")} (hf auth login)\n`,
    );

    const elsewhere = join(home, "elsewhere-token");
    await writeFile(elsewhere, admin);
    const fromPath = await ls({ HF_TOKEN: "", HF_TOKEN_PATH: elsewhere });
    expect(fromPath.code).toBe(0);
    expect(fromPath.stderr).toContain(`token: ${elsewhere} (hf auth login)`);
  });

  it("prefers --token to HF_TOKEN, and HF_TOKEN to the token file", async () => {
    const hfHome = join(home, "hf");
    const envWins = await ls({ HF_TOKEN: "hf_notavalidtoken", HF_HOME: hfHome });
    expect(envWins.code).toBe(1);
    expect(envWins.stderr).toMatch(/token: HF_TOKEN\nError: 401/);
    const flagWins = await ls({ HF_TOKEN: "hf_notavalidtoken", HF_HOME: hfHome }, "--token", admin);
    expect(flagWins.code).toBe(0);
    expect(flagWins.stderr).toContain("token: --token");
  });

  it("hubhooks login saves one token per endpoint (owner-only file), logout forgets it", async () => {
    const env = { HF_TOKEN: "", HUBHOOKS_CONFIG_DIR: join(home, "config") };
    const refused = await runCli(["login", "--endpoint", serve.url, "--token", "hf_notavalidtoken"], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^Error: 401/);
    expect((await ls(env)).stderr).toMatch(/token: none\n.*access token is required/);

    const login = await runCli(["login", "--endpoint", serve.url, "--token", admin], env);
    expect(login.code).toBe(0);
    const path = join(home, "config", "tokens.json");
    expect(login.stdout).toBe(`Logged in to ${serve.url} as admin; the token is saved in ${path}\n`);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const used = await ls(env);
    expect(used.code).toBe(0);
    expect(used.stderr).toContain(`token: hubhooks login (${path})`);

    expect((await runCli(["logout", "--endpoint", serve.url, "-q"], env)).stdout).toBe(`${serve.url}\n`);
    expect((await ls(env)).code).toBe(1);
  });

  it("never sends the huggingface.co token of hf auth login to a server a command only defaults to", () => {
    const env = { HF_TOKEN_PATH: join(home, "elsewhere-token") };
    const local = "http://127.0.0.1:7861";
    expect(resolveToken({ endpoint: local, endpointChosen: false }, env)).toEqual({ source: "none" });
    expect(resolveToken({ endpoint: local, endpointChosen: true }, env).source).toMatch(/hf auth login/);
    expect(resolveToken({ endpoint: "https://huggingface.co", endpointChosen: false }, env).source).toMatch(
      /hf auth login/,
    );
  });
});
