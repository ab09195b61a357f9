import { Cron } from "croner";

/**
 * The next time `schedule` is due after `from`: a cron expression (five fields, or six with seconds) or one of
 * @yearly @annually @monthly @weekly @daily @hourly, in UTC. Undefined: the schedule is invalid or never due.
 */
export function nextRunAfter(schedule: string, from: number): number | undefined {
  try {
    const next = new Cron(schedule, { paused: true, timezone: "UTC" }).nextRun(new Date(from));
    return next ? next.getTime() : undefined;
  } catch {
    return undefined;
  }
}
