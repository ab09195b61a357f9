import { expect } from "vitest";
import type { ReceivedRequest, TestReceiver } from "../../../../test-support/receiver.js";
import { type Harness, waitUntil } from "./harness.js";

/** Test helpers for the sandbox suites: webhooks aimed at one receiver path, and the payloads they receive. */
export function sandboxKit(h: Harness, receiver: TestReceiver) {
  return {
    /** A webhook of `token`'s that POSTs to `receiver.url + path`. */
    async webhook(token: string, path: string, watched: Array<{ type: string; name: string }>, domains?: string[]) {
      const res = await h.call(token, "POST", "/api/settings/webhooks", {
        url: `${receiver.url}${path}`,
        watched,
        ...(domains && { domains }),
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { webhook: { id: string } }).webhook.id;
    },
    received(path: string): ReceivedRequest[] {
      return receiver.requests.filter((request) => request.path === path);
    },
    /** Waits for `count` deliveries on `path` and returns their payloads, oldest first. */
    async payloads(path: string, count: number): Promise<Array<Record<string, any>>> {
      await waitUntil(
        () => receiver.requests.filter((r) => r.path === path).length >= count,
        10_000,
        `${count} on ${path}`,
      );
      return receiver.requests.filter((r) => r.path === path).map((r) => r.json as Record<string, any>);
    },
    async json(res: Response | Promise<Response>, status = 200): Promise<any> {
      const response = await res;
      const body = await response.text();
      expect(response.status, body).toBe(status);
      return JSON.parse(body);
    },
  };
}

/** The NDJSON commit body `huggingface_hub` sends (`_prepare_commit_payload`): a header, then one line per change. */
export function ndjsonCommit(summary: string, files: Record<string, string | null>): string {
  const lines: object[] = [{ key: "header", value: { summary, description: "" } }];
  for (const [path, content] of Object.entries(files)) {
    lines.push(
      content === null
        ? { key: "deletedFile", value: { path } }
        : { key: "file", value: { content: Buffer.from(content).toString("base64"), path, encoding: "base64" } },
    );
  }
  return `${lines.map((line) => JSON.stringify(line)).join("\n")}\n`;
}

export const SHA = /^[0-9a-f]{40}$/;
export const OBJECT_ID = /^[0-9a-f]{24}$/;
