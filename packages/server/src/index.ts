export {
  type Account,
  AccountError,
  countUsers,
  createUser,
  ensureUserWithToken,
  findUserByName,
  issueToken,
  listUsers,
  setPublisher,
} from "./accounts/account-store.js";
export { createOrg, listOrgs, type Org } from "./accounts/org-store.js";
export { createApp } from "./app.js";
export { ConfigError, DEFAULT_DELIVERY_CONFIG, type DeliveryConfig, deliveryConfig } from "./core/config.js";
export { VERSION } from "./core/version.js";
export { isPublicAddress } from "./delivery/ssrf.js";
export { createServer, type HubhooksServer, type ServerOptions } from "./server.js";
export { type MigrationState, type MigrationStatus, migrateToLatest, migrationStatus } from "./store/migrator.js";
export { isPostgresUrl, type OpenDatabase, openDatabase } from "./store/open-database.js";
export { type BackupResult, backupSqlite } from "./store/sqlite-backup.js";
