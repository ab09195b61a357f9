import { CliError } from "./cli-error.js";
import { isPostgresLocation } from "./database-option.js";
import { booleanSetting, isLoopbackHost } from "./service-options.js";

export interface PrivateTargetsPolicy {
  allow: boolean;
  /** Why, for the banner of each process. */
  reason: string;
}

/**
 * Whether deliveries may go to loopback/private addresses. The same settings give the same answer in every
 * process (`serve`, `serve --no-worker`, `worker`), because on PostgreSQL any of them may send any delivery
 * (a worker its claims, an API process a replay):
 * - `--allow-private-targets` / `--deny-private-targets` (or their environment variables) decide when given;
 * - else only a single-process SQLite `serve` listening on loopback allows them by itself: a local dev setup,
 *   where every user is on this machine. A PostgreSQL deployment refuses them unless every process is told.
 */
export function privateTargetsPolicy(
  raw: { allowPrivateTargets?: boolean | undefined; denyPrivateTargets?: boolean | undefined },
  database: string,
  /** The address `serve` listens on; undefined for a worker. */
  host: string | undefined,
): PrivateTargetsPolicy {
  const allow = booleanSetting(raw.allowPrivateTargets, "--allow-private-targets", "HUBHOOKS_ALLOW_PRIVATE_TARGETS");
  const deny = booleanSetting(raw.denyPrivateTargets, "--deny-private-targets", "HUBHOOKS_DENY_PRIVATE_TARGETS");
  if (allow && deny) throw new CliError("--allow-private-targets and --deny-private-targets contradict each other");
  if (deny) return { allow: false, reason: "--deny-private-targets" };
  if (allow !== undefined) return { allow, reason: `--allow-private-targets=${allow}` };
  if (isPostgresLocation(database)) {
    return { allow: false, reason: "PostgreSQL: allow them with --allow-private-targets on every serve and worker" };
  }
  if (host !== undefined && isLoopbackHost(host)) return { allow: true, reason: "SQLite, listening on loopback" };
  return { allow: false, reason: "not listening on loopback" };
}

/** For the banners: "private targets (loopback, private, link-local addresses) refused (why)". */
export function describePrivateTargets(policy: PrivateTargetsPolicy): string {
  return `private targets (loopback, private, link-local addresses) ${policy.allow ? "allowed" : "refused"} (${policy.reason})`;
}
