import { cpus, freemem, totalmem } from "node:os";
import { Hono } from "hono";
import type { AppEnv } from "../core/deps.js";

/** The Hub's flavor names (huggingface_hub `JobHardware`) with their names as the Hub shows them. */
const FLAVORS: Array<[name: string, prettyName: string]> = [
  ["cpu-basic", "CPU Basic"],
  ["cpu-upgrade", "CPU Upgrade"],
  ["cpu-performance", "CPU Performance"],
  ["cpu-xl", "CPU XL"],
  ["t4-small", "Nvidia T4 - small"],
  ["t4-medium", "Nvidia T4 - medium"],
  ["l4x1", "1x Nvidia L4"],
  ["l4x4", "4x Nvidia L4"],
  ["a10g-small", "Nvidia A10G - small"],
  ["a10g-large", "Nvidia A10G - large"],
  ["a10g-largex2", "2x Nvidia A10G - large"],
  ["a10g-largex4", "4x Nvidia A10G - large"],
  ["a100-large", "Nvidia A100 - large"],
  ["h200", "Nvidia H200"],
];

const gigabytes = (bytes: number) => `${Math.round(bytes / 1024 ** 3)} GB`;

/**
 * `GET /api/jobs/hardware` (huggingface_hub `list_jobs_hardware`): every flavor a job may name. Here a flavor is
 * recorded, not provisioned: each runs as a process of the runner's machine, so each lists that machine's CPUs
 * and memory, no accelerator and no cost. Public, as the flavor list is on the Hub.
 */
export function hardwareRoutes() {
  const app = new Hono<AppEnv>();
  app.get("/", (c) => {
    const cpu = `${cpus().length} vCPU`;
    const ram = gigabytes(totalmem());
    return c.json(
      FLAVORS.map(([name, prettyName]) => ({
        name,
        prettyName: `${prettyName} (runs as a local process)`,
        cpu,
        ram,
        ephemeralStorage: `${gigabytes(freemem())} free memory; disk of the runner's work folder`,
        accelerator: null,
        unitCostMicroUSD: 0,
        unitCostUSD: 0,
        unitLabel: "minute",
      })),
    );
  });
  return app;
}
