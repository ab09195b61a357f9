export type TestDialect = "sqlite" | "postgres";
export declare const DIALECTS: TestDialect[];
export interface TestDatabase {
    location: string;
    drop(): Promise<void>;
}
/** A fresh, empty database of the given dialect: a SQLite file in a temp dir, or a new PostgreSQL database. */
export declare function createTestDatabase(dialect: TestDialect): Promise<TestDatabase>;
//# sourceMappingURL=databases.d.ts.map