import type { DeliveryConfig } from "../core/config.js";

/** Delay before the retry that follows attempt number `attempt` (1-based), or undefined when none is left. */
export function retryDelay(attempt: number, config: DeliveryConfig, random = Math.random): number | undefined {
  const base = config.retrySchedule[attempt - 1];
  if (base === undefined) return undefined;
  const jitter = 1 + config.retryJitter * (2 * random() - 1);
  return Math.max(0, Math.round(base * jitter));
}
