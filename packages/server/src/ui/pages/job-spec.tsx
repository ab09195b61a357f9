import type { JobSpecWire } from "@hubhooks/schemas";

function Pairs(props: { values: Record<string, string> | null | undefined }) {
  const entries = Object.entries(props.values ?? {});
  if (entries.length === 0) return <span class="muted">none</span>;
  return <code>{entries.map(([key, value]) => `${key}=${value}`).join("  ")}</code>;
}

/** What a Job runs (a job webhook's clones, or one job), as `hf jobs inspect` tells it; secrets by name only. */
export function JobSpecList(props: { spec: JobSpecWire }) {
  const { spec } = props;
  const secrets = Array.isArray(spec.secrets) ? spec.secrets : Object.keys(spec.secrets);
  return (
    <dl class="kv" data-job-spec>
      <dt>{spec.dockerImage ? "Image" : "Space"}</dt>
      <dd>
        <code data-spec="image">{spec.dockerImage ?? spec.spaceId}</code>{" "}
        <span class="muted">recorded, not pulled: the command runs as a process of the server's machine</span>
      </dd>
      <dt>Command</dt>
      <dd>
        <code data-spec="command">{JSON.stringify(spec.command)}</code>
      </dd>
      <dt>Arguments</dt>
      <dd data-spec="arguments">
        {spec.arguments.length ? <code>{JSON.stringify(spec.arguments)}</code> : <span class="muted">none</span>}
      </dd>
      <dt>Environment</dt>
      <dd data-spec="environment">
        <Pairs values={spec.environment} />
      </dd>
      <dt>Secrets</dt>
      <dd data-spec="secrets">
        {secrets.length ? <code>{secrets.join(", ")}</code> : <span class="muted">none</span>}
      </dd>
      <dt>Flavor</dt>
      <dd data-spec="flavor">{spec.flavor}</dd>
      <dt>Timeout</dt>
      <dd data-spec="timeout">
        {spec.timeout ? `${spec.timeout} s` : <span class="muted">the server's default</span>}
      </dd>
      <dt>Labels</dt>
      <dd data-spec="labels">
        <Pairs values={spec.labels} />
      </dd>
    </dl>
  );
}
