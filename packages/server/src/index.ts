export {
  type Account,
  AccountError,
  countUsers,
  createUser,
  findUserByName,
  issueToken,
  listUsers,
  setPublisher,
} from "./accounts/account-store.js";
export { createOrg, type Org } from "./accounts/org-store.js";
export { createApp } from "./app.js";
export { VERSION } from "./core/version.js";
export { createServer, type HubhooksServer, type ServerOptions } from "./server.js";
export { isPostgresUrl, type OpenDatabase, openDatabase } from "./store/open-database.js";
