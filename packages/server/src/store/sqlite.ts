import SQLite from "better-sqlite3";
import { Kysely, type SqliteDatabase, SqliteDialect, type SqliteStatement } from "kysely";
import type { Database } from "./schema.js";

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query again; the same SQL text comes back thousands of times a second on the hot path,
 * so prepared statements are kept by SQL text (most recently used first out when the cache is full).
 */
export function cachingStatements(connection: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => {
      cache.clear();
      connection.close();
    },
    prepare(sql: string): SqliteStatement {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql);
      } else {
        statement = connection.prepare(sql) as unknown as SqliteStatement;
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}

/** Opens a SQLite file; its folder must exist (only the CLI decides to create the default one). */
export function openSqlite(file: string): Kysely<Database> {
  const connection = new SQLite(file);
  // WAL lets readers (API, UI) proceed while the delivery worker writes; busy_timeout rides out a second
  // process (a CLI command) holding the write lock for a moment. synchronous=NORMAL in WAL mode keeps every
  // committed transaction across a crash of the process (the WAL is in the OS's hands once written); only a
  // power loss or OS crash can take the last transactions back.
  connection.pragma("journal_mode = WAL");
  connection.pragma("synchronous = NORMAL");
  connection.pragma("busy_timeout = 5000");
  connection.pragma("foreign_keys = ON");
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(connection) }) });
}
