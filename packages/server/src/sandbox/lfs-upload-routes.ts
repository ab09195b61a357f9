import type { Context, Hono } from "hono";
import { z } from "zod";
import type { ServerDeps } from "../core/deps.js";
import { apiError } from "../core/errors.js";
import { readJsonBody } from "../core/json-body.js";
import { assembleParts, lfsRoot, receiveBlob, receivePart } from "./lfs-blobs.js";
import { findUpload, finishUpload, type LfsUpload } from "./lfs-store.js";
import type { SandboxEnv } from "./repo-params.js";

export const Completion = z.object({
  oid: z.string(),
  parts: z.array(z.object({ partNumber: z.number().int().positive(), etag: z.string().min(1) })).max(100_000),
});

/**
 * The upload URLs the LFS batch hands out, as a storage service's presigned URLs: the random token in the path is
 * the credential (huggingface_hub sends no Authorization header there). `PUT /api/lfs-uploads/{token}` takes a
 * whole object (basic transfer); a multipart upload PUTs each part to `…/{token}/{n}` (the ETag of the answer is
 * the part's sha256) and then POSTs `{oid, parts: [{partNumber, etag}]}` to `…/{token}`. An object is kept only if
 * its bytes are the sha256 and size the batch announced; then the repo has it and the URL is used up.
 */
export function lfsUploadRoutes(app: Hono<SandboxEnv>, deps: ServerDeps): void {
  const { db } = deps;
  const root = lfsRoot(deps.config);
  const grantOf = async (c: Context, multipart: boolean): Promise<LfsUpload> => {
    const upload = await findUpload(db, c.req.param("token") ?? "");
    if (!upload) throw apiError(404, "Unknown or expired upload URL: ask the LFS batch endpoint for a new one");
    if (multipart !== upload.chunkSize > 0) {
      throw apiError(400, multipart ? "This upload URL takes the whole object in one PUT" : "This upload is multipart");
    }
    return upload;
  };

  app.put("/api/lfs-uploads/:token", async (c) => {
    const upload = await grantOf(c, false);
    await receiveBlob(root, c.req.raw.body, upload);
    await finishUpload(db, upload);
    return c.body(null, 200);
  });

  app.put("/api/lfs-uploads/:token/:part{[0-9]+}", async (c) => {
    const upload = await grantOf(c, true);
    const parts = Math.ceil(upload.size / upload.chunkSize);
    const part = Number(c.req.param("part"));
    if (part < 1 || part > parts) throw apiError(400, `This upload has parts 1 to ${parts}`);
    const size = part < parts ? upload.chunkSize : upload.size - upload.chunkSize * (parts - 1);
    const etag = await receivePart(root, upload.id, part, c.req.raw.body, size);
    c.header("ETag", `"${etag}"`);
    return c.body(null, 200);
  });

  app.post("/api/lfs-uploads/:token", async (c) => {
    const upload = await grantOf(c, true);
    const body = await readJsonBody(c, Completion);
    if (body.oid !== upload.sha256) throw apiError(400, `This upload is of ${upload.sha256}, not ${body.oid}`);
    const parts = Math.ceil(upload.size / upload.chunkSize);
    if (body.parts.length !== parts || body.parts.some((p, index) => p.partNumber !== index + 1)) {
      throw apiError(400, `Name parts 1 to ${parts}, in order`);
    }
    await assembleParts(
      root,
      upload.id,
      body.parts.map((p) => p.etag),
      upload,
    );
    await finishUpload(db, upload);
    return c.json({});
  });
}
