import type { Hono } from "hono";
import { apiError } from "../core/errors.js";
import { REPO_PREFIXES, type SandboxEnv } from "./repo-params.js";

export const NO_XET =
  "The hubhooks sandbox has no Xet storage: set HF_HUB_DISABLE_XET=1 so huggingface_hub uploads large files through Git LFS";

/**
 * `GET /api/{type}s/{repo}/xet-{write|read}-token/{revision}`: where huggingface_hub asks for Xet storage when
 * `hf_xet` is installed (it is, with huggingface_hub). The sandbox serves Git LFS only: a 501 that says how to
 * switch, instead of a bare 404.
 */
export function xetTokenRoute(app: Hono<SandboxEnv>): void {
  for (const prefix of REPO_PREFIXES) {
    app.get(`${prefix}/:kind{xet-write-token|xet-read-token}/:revision`, () => {
      throw apiError(501, NO_XET);
    });
  }
}
