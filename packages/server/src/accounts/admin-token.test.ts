import { describe, expect, it } from "vitest";
import { DIALECTS, useServer } from "../test-support/harness.js";
import { ensureUserWithToken } from "./account-store.js";

describe.each(DIALECTS)("the admin token on %s", (dialect) => {
  const h = useServer(dialect);

  it("is set once however many processes set it at the same time on an empty database", async () => {
    const token = `hf_${"Same".repeat(8)}`;
    const accounts = await Promise.all(
      Array.from({ length: 6 }, () => ensureUserWithToken(h.server.db, "admin", token)),
    );
    expect(new Set(accounts.map((account) => account.id)).size).toBe(1);
    const res = await h.call(token, "GET", "/api/settings/webhooks");
    expect(res.status).toBe(200);
    await expect(ensureUserWithToken(h.server.db, "other", token)).rejects.toThrow(/belongs to another user/);
  });
});
