import { WebhookError } from "./webhook-error.js";

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Reads the body as it streams, stopping at `maxBytes` (413), then parses it as JSON (400). */
export async function readJson(request: Request, maxBytes: number): Promise<unknown> {
  const tooLarge = () => new WebhookError(413, `Payload is larger than ${maxBytes} bytes.`);
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      size += read.value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(read.value);
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  const text = new TextDecoder().decode(bytes);
  try {
    return JSON.parse(text);
  } catch {
    throw new WebhookError(400, "Payload is not valid JSON.");
  }
}
