import type { JobSpecWire } from "@hubhooks/schemas";

/** A job's spec as stored (JSON in `jobs.spec`): secrets keep their values, which are never returned. */
export interface StoredJobSpec {
  command: string[];
  arguments: string[];
  environment: Record<string, string>;
  secrets: Record<string, string>;
  flavor: string;
  dockerImage: string | null;
  spaceId: string | null;
  timeoutSeconds: number | null;
}

/** Webhooks that start a Job store `job:<source job id>` as their URL: one column, one target. */
export const JOB_TARGET_PREFIX = "job:";

export function jobTargetUrl(sourceJobId: string): string {
  return `${JOB_TARGET_PREFIX}${sourceJobId}`;
}

/** The source job id of a job webhook's stored URL; undefined for a URL webhook. */
export function sourceJobOf(url: string): string | undefined {
  return url.startsWith(JOB_TARGET_PREFIX) ? url.slice(JOB_TARGET_PREFIX.length) : undefined;
}

export function parseStoredSpec(json: string): StoredJobSpec {
  return JSON.parse(json) as StoredJobSpec;
}

/** The spec as a job webhook's `job` carries it (huggingface_hub `JobSpec`): secrets by name only. */
export function jobSpecWire(spec: StoredJobSpec, labels: Record<string, string> | null): JobSpecWire {
  return {
    ...(spec.dockerImage ? { dockerImage: spec.dockerImage } : { spaceId: spec.spaceId }),
    command: spec.command,
    arguments: spec.arguments,
    environment: spec.environment,
    secrets: Object.keys(spec.secrets),
    flavor: spec.flavor,
    timeout: spec.timeoutSeconds,
    labels,
  };
}
