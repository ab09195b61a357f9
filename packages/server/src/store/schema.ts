import type { Generated, Insertable, Selectable } from "kysely";

// Timestamps are epoch milliseconds and booleans are 0/1 integers in both dialects, so rows look the same
// whichever database is behind them; JSON columns are text.

export interface UsersTable {
  id: string;
  name: string;
  publisher: number;
  created_at: number;
}

export interface TokensTable {
  token_hash: string;
  user_id: string;
  created_at: number;
}

export interface OrgsTable {
  id: string;
  name: string;
  created_at: number;
}

export interface OrgMembersTable {
  org_id: string;
  user_id: string;
}

export interface WebhooksTable {
  id: string;
  owner_id: string;
  url: string;
  secret: string | null;
  /** JSON array of domains. */
  domains: string;
  disabled: number;
  created_at: number;
  updated_at: number;
}

export interface WebhookWatchedTable {
  webhook_id: string;
  position: number;
  type: string;
  name: string;
}

export interface Database {
  users: UsersTable;
  tokens: TokensTable;
  orgs: OrgsTable;
  org_members: OrgMembersTable;
  webhooks: WebhooksTable;
  webhook_watched: WebhookWatchedTable;
}

export type UserRow = Selectable<UsersTable>;
export type WebhookRow = Selectable<WebhooksTable>;
export type NewWebhookRow = Insertable<WebhooksTable>;
export type { Generated };
