import type { Kysely } from "kysely";
import type { Database } from "../store/schema.js";
import { MAIN_REF } from "./repo-store.js";

export type SettingKind = "secret" | "variable";

/** A Space's secrets (without values) or variables, as get_space_secrets / get_space_variables read them. */
export async function spaceSettings(db: Kysely<Database>, repoId: string, kind: SettingKind) {
  const rows = await db
    .selectFrom("sandbox_space_settings")
    .select(["key", "value", "description", "updated_at"])
    .where("repo_id", "=", repoId)
    .where("kind", "=", kind)
    .orderBy("key")
    .execute();
  return Object.fromEntries(
    rows.map((row) => [
      row.key,
      {
        ...(kind === "variable" && { value: row.value ?? "" }),
        ...(row.description !== null && { description: row.description }),
        updatedAt: new Date(Number(row.updated_at)).toISOString(),
      },
    ]),
  );
}

/** Adds or replaces a setting; a secret's value is not kept (no Space runs here to read it). */
export async function putSpaceSetting(
  db: Kysely<Database>,
  repoId: string,
  kind: SettingKind,
  setting: { key: string; value: string; description?: string | undefined },
): Promise<void> {
  const row = {
    value: kind === "variable" ? setting.value : null,
    description: setting.description ?? null,
    updated_at: Date.now(),
  };
  await db
    .insertInto("sandbox_space_settings")
    .values({ repo_id: repoId, kind, key: setting.key, ...row })
    .onConflict((oc) => oc.columns(["repo_id", "kind", "key"]).doUpdateSet(row))
    .execute();
}

export async function deleteSpaceSetting(db: Kysely<Database>, repoId: string, kind: SettingKind, key: string) {
  await db
    .deleteFrom("sandbox_space_settings")
    .where("repo_id", "=", repoId)
    .where("kind", "=", kind)
    .where("key", "=", key)
    .execute();
}

/** What the sandbox keeps of a Space's runtime: the hardware asked for, the sleep time, and whether it is paused. */
export interface RuntimeSettings {
  requested: string;
  sleepTime: number | null;
  paused: boolean;
}

const DEFAULTS: RuntimeSettings = { requested: "cpu-basic", sleepTime: null, paused: false };

export async function runtimeSettings(db: Kysely<Database>, repoId: string): Promise<RuntimeSettings> {
  const row = await db.selectFrom("sandbox_repos").select("space_runtime").where("id", "=", repoId).executeTakeFirst();
  return { ...DEFAULTS, ...(row?.space_runtime ? (JSON.parse(row.space_runtime) as Partial<RuntimeSettings>) : {}) };
}

export async function saveRuntimeSettings(db: Kysely<Database>, repoId: string, settings: RuntimeSettings) {
  await db
    .updateTable("sandbox_repos")
    .set({ space_runtime: JSON.stringify(settings) })
    .where("id", "=", repoId)
    .execute();
}

/**
 * The runtime `SpaceRuntime` parses. Nothing runs: a Space whose main has no file but `.gitattributes` and
 * `README.md` is NO_APP_FILE, as on the Hub; a paused one PAUSED; any other RUNNING on the hardware asked for.
 */
export async function spaceRuntime(db: Kysely<Database>, repoId: string) {
  const settings = await runtimeSettings(db, repoId);
  const app = await db
    .selectFrom("sandbox_files")
    .select("path")
    .where("repo_id", "=", repoId)
    .where("ref", "=", MAIN_REF)
    .where("path", "not in", [".gitattributes", "README.md"])
    .limit(1)
    .executeTakeFirst();
  const stage = settings.paused ? "PAUSED" : app ? "RUNNING" : "NO_APP_FILE";
  return {
    stage,
    hardware: { current: stage === "RUNNING" ? settings.requested : null, requested: settings.requested },
    storage: null,
    gcTimeout: settings.sleepTime,
    replicas: { current: stage === "RUNNING" ? 1 : 0, requested: 1 },
    devMode: false,
    domains: [],
  };
}
