import { z } from "zod";

/** The hardware flavors huggingface_hub's SpaceHardware names (the sandbox runs none of them). */
export const SPACE_HARDWARE = [
  "cpu-basic",
  "cpu-upgrade",
  "zero-a10g",
  "t4-small",
  "t4-medium",
  "l4x1",
  "l4x4",
  "l40sx1",
  "l40sx4",
  "l40sx8",
  "a10g-small",
  "a10g-large",
  "a10g-largex2",
  "a10g-largex4",
  "a100-large",
  "a100x4",
  "a100x8",
] as const;

const Key = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,199}$/, "must be a name of letters, digits and _ (not starting with a digit)");

export const SettingBody = z.object({
  key: Key,
  value: z.string().max(64 * 1024),
  description: z.string().max(1000).nullish(),
});
export const SettingKeyBody = z.object({ key: Key });
export const HardwareBody = z.object({
  flavor: z.enum(SPACE_HARDWARE, { error: `must be one of ${SPACE_HARDWARE.join(", ")}` }),
  sleepTimeSeconds: z.number().int().min(-1).nullish(),
});
export const SleepTimeBody = z.object({ seconds: z.number().int().min(-1) });

/** `/api/spaces/{namespace}/{name}` and a canonical Space's `/api/spaces/{name}`. */
export const SPACE_PREFIXES = ["/spaces/:namespace/:name", "/spaces/:name"];
