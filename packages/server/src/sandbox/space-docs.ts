import { z } from "zod";
import type { RouteDoc } from "../core/route-doc.js";
import { HardwareBody, SettingBody, SettingKeyBody, SleepTimeBody, SPACE_PREFIXES } from "./space-bodies.js";

// A Space's secrets, variables and runtime (sandbox/space-routes.ts): stored, with no Space running.
const setting = z.object({ value: z.string().optional(), description: z.string().optional(), updatedAt: z.string() });
const settings = z.record(z.string(), setting);
const runtime = z.looseObject({
  stage: z.enum(["NO_APP_FILE", "RUNNING", "PAUSED"]),
  hardware: z.object({ current: z.string().nullable(), requested: z.string() }),
  storage: z.null(),
  gcTimeout: z.number().int().nullable(),
  replicas: z.object({ current: z.number().int(), requested: z.number().int() }),
});
const writer = { 403: "Not a writer of this Space", 404: "Unknown Space (a private one answers the same)" };
const ok = (description: string) => ({ description, schema: runtime });

export const spaceDocs: RouteDoc[] = SPACE_PREFIXES.flatMap((prefix): RouteDoc[] => {
  const base = `/api${prefix}`;
  const settingsRoutes = (["secrets", "variables"] as const).flatMap((kind): RouteDoc[] => {
    const answer =
      kind === "secrets"
        ? { description: "Done", schema: z.object({}) }
        : { description: "Every variable", schema: settings };
    return [
      {
        method: "get",
        path: `${base}/${kind}`,
        auth: "token",
        summary:
          kind === "secrets"
            ? "A Space's secrets: key, description, updatedAt (values are never kept nor shown)"
            : "A Space's variables with their values",
        ok: { description: "By key", schema: settings },
        errors: writer,
      },
      {
        method: "post",
        path: `${base}/${kind}`,
        auth: "token",
        summary: `Add or replace a ${kind === "secrets" ? "secret" : "variable"} (fires no webhook, as on the Hub)`,
        body: SettingBody,
        ok: answer,
        errors: writer,
      },
      {
        method: "delete",
        path: `${base}/${kind}`,
        auth: "token",
        summary: `Remove a ${kind === "secrets" ? "secret" : "variable"}`,
        body: SettingKeyBody,
        ok: answer,
        errors: writer,
      },
    ];
  });
  return [
    ...settingsRoutes,
    {
      method: "get",
      path: `${base}/runtime`,
      auth: "optional",
      summary: "A Space's runtime (get_space_runtime): NO_APP_FILE, RUNNING or PAUSED; nothing actually runs",
      ok: ok("The runtime"),
      errors: { 404: writer[404] },
    },
    ...(["restart", "pause"] as const).map(
      (action): RouteDoc => ({
        method: "post",
        path: `${base}/${action}`,
        auth: "token",
        summary: action === "restart" ? "Restart (unpause) a Space" : "Pause a Space",
        ...(action === "restart" && { query: { factory: { schema: z.enum(["true"]) } } }),
        ok: ok("The runtime"),
        errors: writer,
      }),
    ),
    {
      method: "post",
      path: `${base}/hardware`,
      auth: "token",
      summary: "Ask for a hardware flavor (request_space_hardware)",
      body: HardwareBody,
      ok: ok("The runtime"),
      errors: writer,
    },
    {
      method: "post",
      path: `${base}/sleeptime`,
      auth: "token",
      summary: "Set the sleep time (set_space_sleep_time), shown as gcTimeout",
      body: SleepTimeBody,
      ok: ok("The runtime"),
      errors: writer,
    },
  ];
});
