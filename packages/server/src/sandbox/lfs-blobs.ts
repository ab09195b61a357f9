import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { apiError } from "../core/errors.js";

// LFS objects on disk, content-addressed: <root>/objects/ab/cd/<sha256>, each once whatever the repos that use it.
// Writes go to <root>/tmp first and are renamed into place only once their sha256 and size are checked, so a
// reader never sees a half-written or wrong object.

export const blobPath = (root: string, sha256: string) =>
  join(root, "objects", sha256.slice(0, 2), sha256.slice(2, 4), sha256);

const partsFolder = (root: string, uploadId: string) => join(root, "uploads", uploadId);
const partPath = (root: string, uploadId: string, part: number) => join(partsFolder(root, uploadId), String(part));

/** The size of a stored object, or undefined when the disk does not have it. */
export async function blobSize(root: string, sha256: string): Promise<number | undefined> {
  try {
    return (await stat(blobPath(root, sha256))).size;
  } catch {
    return undefined;
  }
}

/** An object's bytes from `start` to `end` (inclusive), streamed from disk. */
export function readBlob(root: string, sha256: string, range?: { start: number; end: number }): ReadableStream {
  const stream = createReadStream(blobPath(root, sha256), range && { start: range.start, end: range.end });
  return Readable.toWeb(stream) as unknown as ReadableStream;
}

interface Received {
  file: string;
  size: number;
  sha256: string;
}

/** Streams a request body to a temporary file, hashing it; more than `maxBytes` is a 413 and nothing kept. */
async function receive(root: string, body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Received> {
  const file = join(root, "tmp", randomBytes(16).toString("hex"));
  await mkdir(dirname(file), { recursive: true });
  const hash = createHash("sha256");
  let size = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) return done(apiError(413, `The upload is larger than the ${maxBytes} bytes announced`));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const source = body ? Readable.fromWeb(body as WebReadableStream<Uint8Array>) : Readable.from([]);
  try {
    await pipeline(source, count, createWriteStream(file));
  } catch (error) {
    await rm(file, { force: true });
    throw error;
  }
  return { file, size, sha256: hash.digest("hex") };
}

async function keep(received: Received, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  await rename(received.file, to);
}

/** One PUT of a whole object (basic transfer): kept only if it is exactly the announced sha256 and size. */
export async function receiveBlob(
  root: string,
  body: ReadableStream<Uint8Array> | null,
  expected: { sha256: string; size: number },
): Promise<void> {
  const received = await receive(root, body, expected.size);
  if (received.size !== expected.size || received.sha256 !== expected.sha256) {
    await rm(received.file, { force: true });
    throw apiError(
      400,
      `The upload is ${received.size} bytes with sha256 ${received.sha256}, not the ${expected.size} bytes with sha256 ${expected.sha256} announced`,
    );
  }
  await keep(received, blobPath(root, expected.sha256));
}

/** One part of a multipart upload, kept under the upload's folder; its ETag is the part's sha256. */
export async function receivePart(
  root: string,
  uploadId: string,
  part: number,
  body: ReadableStream<Uint8Array> | null,
  expectedSize: number,
): Promise<string> {
  const received = await receive(root, body, expectedSize);
  if (received.size !== expectedSize) {
    await rm(received.file, { force: true });
    throw apiError(400, `Part ${part} is ${received.size} bytes: expected ${expectedSize}`);
  }
  await keep(received, partPath(root, uploadId, part));
  return received.sha256;
}

/**
 * Joins the parts of a multipart upload in order, checking each part's ETag (as the client reports it) and the
 * whole object's sha256 and size; the object is kept only if all match. The parts are removed either way.
 */
export async function assembleParts(
  root: string,
  uploadId: string,
  etags: string[],
  expected: { sha256: string; size: number },
): Promise<void> {
  const file = join(root, "tmp", randomBytes(16).toString("hex"));
  await mkdir(dirname(file), { recursive: true });
  const whole = createHash("sha256");
  let size = 0;
  const out = createWriteStream(file);
  try {
    for (const [index, etag] of etags.entries()) {
      const part = createHash("sha256");
      const source = createReadStream(partPath(root, uploadId, index + 1));
      try {
        for await (const chunk of source as AsyncIterable<Buffer>) {
          part.update(chunk);
          whole.update(chunk);
          size += chunk.length;
          if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
        }
      } catch {
        throw apiError(400, `Part ${index + 1} was not uploaded`);
      }
      if (part.digest("hex") !== etag.replace(/"/g, ""))
        throw apiError(400, `Part ${index + 1}: its etag does not match`);
    }
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    const sha256 = whole.digest("hex");
    if (size !== expected.size || sha256 !== expected.sha256) {
      throw apiError(
        400,
        `The parts make ${size} bytes with sha256 ${sha256}, not the ${expected.size} bytes with sha256 ${expected.sha256} announced`,
      );
    }
    await keep({ file, size, sha256 }, blobPath(root, expected.sha256));
  } finally {
    out.destroy();
    await rm(file, { force: true });
    await discardParts(root, uploadId);
  }
}

export async function discardParts(root: string, uploadId: string): Promise<void> {
  await rm(partsFolder(root, uploadId), { recursive: true, force: true });
}

/** The LFS folder of a server: always set by createServer; the fallback is its default for a bare app. */
export const lfsRoot = (config: { lfsDir: string | null }) => config.lfsDir ?? join(".hubhooks", "lfs");
