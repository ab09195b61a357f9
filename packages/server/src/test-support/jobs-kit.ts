import { expect } from "vitest";
import type { Harness } from "./harness.js";
import { waitUntil } from "./harness.js";

export interface WireJob {
  id: string;
  status: { stage: string; message: string | null };
  [key: string]: unknown;
}

/** Test helpers for the jobs suites: run a job as huggingface_hub's run_job does, wait for it, read its log. */
export function jobsKit(h: Harness) {
  const kit = {
    async run(token: string, namespace: string, command: string[], extra: Record<string, unknown> = {}) {
      const res = await h.call(token, "POST", `/api/jobs/${namespace}`, {
        command,
        arguments: [],
        environment: {},
        flavor: "cpu-basic",
        dockerImage: "ubuntu",
        ...extra,
      });
      const text = await res.text();
      expect(res.status, text).toBe(200);
      return JSON.parse(text) as WireJob;
    },
    async get(token: string, namespace: string, id: string): Promise<WireJob> {
      return (await (await h.call(token, "GET", `/api/jobs/${namespace}/${id}`)).json()) as WireJob;
    },
    async waitStage(token: string, namespace: string, id: string, stages: string[], timeoutMs = 30_000) {
      return waitUntil(
        async () => {
          const job = await kit.get(token, namespace, id);
          return stages.includes(job.status.stage) ? job : undefined;
        },
        timeoutMs,
        `job ${id} in ${stages.join("|")}`,
      );
    },
    /**
     * The log as the SSE stream sends it: the `data` of each `data: {…}` event, in order. The stream of a job that
     * still runs stays open until it ends, unless `query` has follow=false.
     */
    async logs(token: string, namespace: string, id: string, query = ""): Promise<string[]> {
      const res = await h.call(token, "GET", `/api/jobs/${namespace}/${id}/logs${query}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
      const text = await res.text();
      return text
        .split("\n")
        .filter((line) => line.startsWith("data: {"))
        .map((line) => (JSON.parse(line.slice(6)) as { data: string; timestamp: string }).data);
    },
  };
  return kit;
}
