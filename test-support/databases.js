import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { inject } from "vitest";
export const DIALECTS = ["sqlite", "postgres"];
/** A fresh, empty database of the given dialect: a SQLite file in a temp dir, or a new PostgreSQL database. */
export async function createTestDatabase(dialect) {
    if (dialect === "sqlite") {
        const dir = await mkdtemp(join(tmpdir(), "hubhooks-test-"));
        return { location: join(dir, "hubhooks.db"), drop: () => rm(dir, { recursive: true, force: true }) };
    }
    const adminUrl = inject("postgresUrl");
    const name = `hubhooks_test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
        location: url.toString(),
        async drop() {
            const client = new pg.Client({ connectionString: adminUrl });
            await client.connect();
            await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            await client.end();
        },
    };
}
//# sourceMappingURL=databases.js.map