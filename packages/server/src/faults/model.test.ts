import type { DeliveryAttempt } from "@hubhooks/schemas";
import { afterAll, describe, it } from "vitest";
import { createTestDatabase, DIALECTS, type TestDatabase } from "../../../../test-support/databases.js";
import { FULL, report } from "../../../../test-support/faults.js";
import { Cluster } from "./model/cluster.js";
import { checkInvariants } from "./model/invariants.js";
import { fetchAttemptLogs } from "./model/read-back.js";
import { ModelReceivers } from "./model/receivers.js";
import { runScenario } from "./model/run.js";
import { CI_SIZE, describeScenario, FULL_SIZE, generateScenario } from "./model/scenario.js";
import { StallMonitor } from "./model/stall-monitor.js";

/**
 * A seeded randomized model of the whole delivery path: real hubhooks processes (killed with SIGKILL at random
 * points), real receivers on loopback answering 2xx, 5xx, 410, 429, hanging or hanging up, webhooks disabled,
 * enabled and deleted mid-stream, replays, recoveries and the trigger limit; at the end the receivers' records and
 * the activity log must agree with what the model allows (faults/model/invariants.ts).
 *
 * MODEL_SEED=<n> runs that seed alone (a failure prints its seed); MODEL_SEEDS=<count> and MODEL_SEED_BASE=<n>
 * choose the derived seeds; MODEL_KEEP=1 keeps each run's database and prints where. `npm run faults`
 * (FAULTS_FULL=1) runs more and bigger scenarios.
 */
const BASE = Number(process.env.MODEL_SEED_BASE ?? 20_261_201);
const COUNT = Number(process.env.MODEL_SEEDS ?? (FULL ? 10 : 3));
const SEEDS = process.env.MODEL_SEED
  ? [Number(process.env.MODEL_SEED)]
  : Array.from({ length: COUNT }, (_, i) => BASE + i * 7_919);
const SIZE = FULL ? FULL_SIZE : CI_SIZE;

describe.each(DIALECTS)("model of the delivery path on %s", (dialect) => {
  const totals = { seeds: 0, events: 0, deliveries: 0, broken: [] as string[] };
  afterAll(() => {
    const outcome = totals.broken.length > 0 ? `BROKEN: ${totals.broken.join("; ")}` : "invariants held";
    report(
      `model ${dialect}: ${totals.seeds} seeds, ${totals.events} events, ${totals.deliveries} deliveries, ${outcome}`,
    );
  });

  it.each(SEEDS)(
    "seed %i keeps every invariant",
    async (seed) => {
      const scenario = generateScenario(seed, SIZE);
      const started = Date.now();
      let database: TestDatabase | undefined;
      const receivers = new ModelReceivers(scenario);
      const stalls = new StallMonitor();
      let cluster: Cluster | undefined;
      let message: string | undefined;
      try {
        database = await createTestDatabase(dialect);
        await receivers.start();
        cluster = new Cluster(dialect, database.location, scenario.settings);
        await cluster.start();
        stalls.start();
        const journal = await runScenario(scenario, cluster, receivers);
        stalls.stop();
        // First from the receivers' side alone; what broke is checked again with the service's own attempt log of
        // those deliveries (when it saw each outcome, and answers that came after its deadline).
        const kills = cluster.kills;
        const check = (logs?: Map<string, DeliveryAttempt[]>, races?: string[]) =>
          checkInvariants(scenario, journal, receivers.records, receivers.strays, kills, logs, races, (a, b) =>
            stalls.stalledBetween(a, b),
          );
        const suspects = check().flatMap((v) => v.deliveries ?? []);
        const races: string[] = [];
        const violations = check(await fetchAttemptLogs(cluster, journal, suspects), races);
        const deliveries = journal.events.reduce((sum, e) => sum + e.matched.length, 0);
        totals.seeds++;
        totals.events += journal.events.length;
        totals.deliveries += deliveries;
        const broken = [...new Set(violations.map((v) => v.invariant))];
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        report(
          `model ${dialect} seed ${seed}: ${journal.events.length} events, ${deliveries} deliveries, ${receivers.records.length} requests, ${cluster.kills.length} kills, ${races.length} attempts past the service's deadline, ${stalls.stalledBetween(started, Date.now())} ms stalled, ${seconds} s: ${broken.length ? `BROKEN ${broken.join(", ")}` : "invariants held"}`,
        );
        if (broken.length > 0) {
          totals.broken.push(`seed ${seed}: ${broken.join(", ")}`);
          const details = broken.map((name) => {
            const of = violations.filter((v) => v.invariant === name);
            const shown = of.slice(0, 4).map((v) => `    - ${v.detail}`);
            return `  ${name} (${of.length}):\n${shown.join("\n")}`;
          });
          message = [
            `model seed ${seed} on ${dialect} broke: ${broken.join(", ")}`,
            ...details,
            `  scenario: ${describeScenario(scenario)}`,
            `  kills: ${cluster.kills.map((k) => `${k.role} at ${new Date(k.killedAt).toISOString().slice(11, 23)}, back at ${new Date(k.restartedAt).toISOString().slice(11, 23)}`).join("; ") || "none"}`,
            `  server errors: ${cluster.errors().join(" | ") || "none"}`,
            `  re-run: MODEL_SEED=${seed}${FULL ? " FAULTS_FULL=1" : ""} npx vitest run packages/server/src/faults/model.test.ts`,
          ].join("\n");
        }
      } catch (error) {
        totals.broken.push(`seed ${seed}: ${(error as Error).message.split("\n")[0]}`);
        throw new Error(
          `model seed ${seed} on ${dialect} could not run: ${(error as Error).stack}\n${cluster?.output() ?? ""}`,
        );
      } finally {
        stalls.stop();
        await cluster?.stop();
        await receivers.stop();
        if (process.env.MODEL_KEEP) report(`model kept the database at ${database?.location}`);
        else await database?.drop();
      }
      if (message) throw new Error(message);
    },
    FULL ? 900_000 : 240_000,
  );
});
