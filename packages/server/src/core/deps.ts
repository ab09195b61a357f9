import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { Account } from "../accounts/account-store.js";
import type { DialectName } from "../store/open-database.js";
import type { Database } from "../store/schema.js";

/** What every feature gets from the core: the database and a logger. Features do not import each other. */
export interface ServerDeps {
  db: Kysely<Database>;
  dialect: DialectName;
  logger: Logger;
}

export interface AppEnv {
  Variables: { account: Account };
}
