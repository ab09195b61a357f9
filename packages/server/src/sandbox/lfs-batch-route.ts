import type { RepoType } from "@hubhooks/schemas";
import type { Context, Hono } from "hono";
import { z } from "zod";
import { publicBaseUrl } from "../core/base-url.js";
import type { ServerDeps } from "../core/deps.js";
import { apiError } from "../core/errors.js";
import { MAX_LFS_PART_BYTES, readJsonBody } from "../core/json-body.js";
import { storedBytes } from "./content-store.js";
import { blobSize, lfsRoot } from "./lfs-blobs.js";
import { grantUpload, pruneExpiredUploads, repoObjects } from "./lfs-store.js";
import { optionalAccount, type SandboxEnv, signedIn } from "./repo-params.js";
import { readableRepo, type SandboxRepo } from "./repo-store.js";

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, "must be a sha256 (64 lowercase hex characters)");
export const LfsObject = z.object({ oid: Sha256, size: z.number().int().nonnegative() });
export const BatchBody = z.object({
  operation: z.enum(["upload", "download"]),
  transfers: z.array(z.string()).optional(),
  objects: z.array(LfsObject).max(1000, "At most 1000 objects per batch"),
  ref: z.object({ name: z.string() }).nullish(),
  hash_algo: z.literal("sha256").optional(),
});

/** `{repo}.git/info/lfs/objects/{batch|verify}` under a model's, a dataset's and a Space's web path. */
export const LFS_ROUTES: Array<[string, RepoType]> = (
  [
    ["/datasets", "dataset"],
    ["/spaces", "space"],
    ["", "model"],
  ] as const
).flatMap(([prefix, type]) => [
  [`${prefix}/:namespace/:name{[^/]+\\.git}/info/lfs/objects`, type],
  [`${prefix}/:name{[^/]+\\.git}/info/lfs/objects`, type],
]);

const LFS_JSON = { "Content-Type": "application/vnd.git-lfs+json" };

async function repoOfGitPath(deps: ServerDeps, c: Context<SandboxEnv>, type: RepoType): Promise<SandboxRepo> {
  const namespace = c.req.param("namespace");
  const name = (c.req.param("name") ?? "").replace(/\.git$/, "");
  return readableRepo(deps.db, signedIn(c), type, namespace ? `${namespace}/${name}` : name);
}

/**
 * The Git LFS batch API (basic transfer, and the Hub's multipart transfer for objects over one part) and its
 * verify step, as huggingface_hub's `lfs.py` drives them when `hf_xet` is not installed. Anyone who may read a repo
 * may upload (pull requests carry LFS files too), within the repo's size cap. An object the repo already has needs
 * no upload; one that another repo has is uploaded again (and kept once on disk), so nobody reads an object by
 * naming its sha256.
 */
export function lfsBatchRoutes(app: Hono<SandboxEnv>, deps: ServerDeps): void {
  const { db } = deps;
  const root = lfsRoot(deps.config);
  for (const [path, type] of LFS_ROUTES) {
    app.use(`${path}/*`, optionalAccount(db, deps.apiLimiter));
    app.post(`${path}/batch`, async (c) => {
      const repo = await repoOfGitPath(deps, c, type);
      const body = await readJsonBody(c, BatchBody);
      if (body.operation !== "upload") {
        throw apiError(422, "The sandbox's LFS batch API takes uploads; download files through /resolve/{revision}");
      }
      await pruneExpiredUploads(db, root);
      const has = await repoObjects(
        db,
        repo.id,
        body.objects.map((object) => object.oid),
      );
      const present = async (oid: string, size: number) =>
        has.get(oid) === size && (await blobSize(root, oid)) === size;
      const missing: Array<z.infer<typeof LfsObject>> = [];
      for (const object of body.objects) if (!(await present(object.oid, object.size))) missing.push(object);
      const cap = deps.config.maxRepoBytes;
      const coming = missing.reduce((sum, object) => sum + object.size, 0);
      if (cap > 0 && (await storedBytes(db, repo.id)) + coming > cap) {
        throw apiError(
          413,
          `These uploads (${coming} bytes) would make ${repo.name} store more than ${cap} bytes: the sandbox keeps at most ${cap} bytes per repo (see --max-repo-size)`,
        );
      }
      const base = publicBaseUrl(c, deps.config.publicUrl);
      const verify = { href: `${base}${new URL(c.req.url).pathname.replace(/\/batch$/, "/verify")}` };
      const objects = [];
      for (const object of body.objects) {
        if (!missing.includes(object)) {
          objects.push({ ...object, authenticated: true });
          continue;
        }
        const chunkSize = object.size > MAX_LFS_PART_BYTES ? MAX_LFS_PART_BYTES : 0;
        const token = await grantUpload(db, { repoId: repo.id, sha256: object.oid, size: object.size, chunkSize });
        const href = `${base}/api/lfs-uploads/${token}`;
        const parts = chunkSize > 0 ? Math.ceil(object.size / chunkSize) : 0;
        const header: Record<string, string> = {};
        if (parts > 0) header.chunk_size = String(chunkSize);
        for (let part = 1; part <= parts; part += 1) header[String(part)] = `${href}/${part}`;
        const upload = parts > 0 ? { href, header } : { href };
        objects.push({ ...object, authenticated: true, actions: { upload, verify } });
      }
      const multipart = objects.some((object) => "actions" in object && "header" in object.actions.upload);
      return c.body(
        JSON.stringify({ transfer: multipart ? "multipart" : "basic", objects, hash_algo: "sha256" }),
        200,
        LFS_JSON,
      );
    });

    app.post(`${path}/verify`, async (c) => {
      const repo = await repoOfGitPath(deps, c, type);
      const object = await readJsonBody(c, LfsObject);
      const has = await repoObjects(db, repo.id, [object.oid]);
      if (has.get(object.oid) !== object.size || (await blobSize(root, object.oid)) !== object.size) {
        throw apiError(404, `${repo.name} has no LFS object ${object.oid} of ${object.size} bytes: upload it first`);
      }
      return c.body(JSON.stringify({}), 200, LFS_JSON);
    });
  }
}
