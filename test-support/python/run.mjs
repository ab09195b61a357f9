// Runs sandbox_check.py, lfs_check.py, space_check.py and jobs_check.py (the official huggingface_hub client) against a fresh `hubhooks serve`
// with the local job runner on (this machine runs the check's jobs: `bash -c echo …`, `sleep`).
// Needs python3 and pip that can install huggingface_hub (a venv is made under os.tmpdir() once).
// Usage: npm run check:python
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const venv = join(tmpdir(), "hubhooks-python-check");
const python = join(venv, "bin", "python");
if (!existsSync(python)) {
  execFileSync("python3", ["-m", "venv", venv], { stdio: "inherit" });
  execFileSync(python, ["-m", "pip", "install", "--quiet", "huggingface_hub"], { stdio: "inherit" });
}
const version = execFileSync(python, ["-c", "import huggingface_hub; print(huggingface_hub.__version__)"])
  .toString()
  .trim();
const database = join(mkdtempSync(join(tmpdir(), "hubhooks-py-")), "hubhooks.db");
const bin = fileURLToPath(new URL("../../packages/cli/dist/bin.js", import.meta.url));
const serve = spawn(process.execPath, [bin, "serve", "--port", "0", "--database", database, "--jobs-runner", "local"], {
  env: { ...process.env, LOG_LEVEL: "warn" },
});
let output = "";
const started = await new Promise((resolve, reject) => {
  serve.stdout.on("data", (chunk) => {
    output += chunk;
    const url = output.match(/listening on (http:\/\/\S+)/)?.[1];
    if (url) resolve({ url, token: output.match(/^\s+(hf_[A-Za-z]+)\s*$/m)?.[1] });
  });
  serve.once("exit", (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
});
console.log(`huggingface_hub ${version} against ${started.url}`);
const env = {
  ...process.env,
  HF_ENDPOINT: started.url,
  HF_TOKEN: started.token,
  HF_HUB_DISABLE_TELEMETRY: "1",
  // hf_xet (installed with huggingface_hub) would upload large files to Xet storage, which the sandbox does not
  // serve: without it the client uses Git LFS, as lfs_check.py drives it.
  HF_HUB_DISABLE_XET: "1",
  // Downloads go to a throwaway cache, not the user's.
  HF_HOME: mkdtempSync(join(tmpdir(), "hubhooks-hf-home-")),
};
try {
  for (const check of ["sandbox_check.py", "lfs_check.py", "space_check.py", "jobs_check.py"]) {
    execFileSync(python, [join(here, check)], { stdio: "inherit", env });
  }
} finally {
  serve.kill();
}
