import { beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, useServer } from "../test-support/harness.js";
import { ndjsonCommit, sandboxKit } from "../test-support/sandbox-kit.js";

// Issue 22 item 8: a moved repo's old name redirects (307) to the new one for API reads and downloads.
describe.each(DIALECTS)("sandbox moved repos on %s", (dialect) => {
  const h = useServer(dialect);
  const kit = sandboxKit(h, undefined as never);
  let alice: { id: string; token: string };
  let bob: { id: string; token: string };
  beforeAll(async () => {
    alice = await h.user("alice");
    bob = await h.user("bob");
    await kit.json(h.call(alice.token, "POST", "/api/repos/create", { name: "old" }));
    await kit.json(
      h.call(alice.token, "POST", "/api/models/alice/old/commit/main", ndjsonCommit("a", { "a.txt": "a" })),
    );
    await kit.json(h.call(alice.token, "POST", "/api/repos/move", { fromRepo: "alice/old", toRepo: "alice/new" }));
  });

  it("redirects reads and downloads under the old name, query kept; writes there are a 404", async () => {
    const info = await h.call(undefined, "GET", "/api/models/alice/old/revision/main?blobs=true");
    expect(info.status).toBe(307);
    expect(info.headers.get("Location")).toBe("/api/models/alice/new/revision/main?blobs=true");
    const file = await h.call(undefined, "GET", "/alice/Old/resolve/main/a.txt");
    expect(file.status).toBe(307);
    expect(file.headers.get("Location")).toBe("/alice/new/resolve/main/a.txt");
    const tree = await h.call(undefined, "GET", "/api/models/alice/old/tree/main");
    expect(tree.headers.get("Location")).toBe("/api/models/alice/new/tree/main");
    const write = await h.call(
      alice.token,
      "POST",
      "/api/models/alice/old/commit/main",
      ndjsonCommit("b", { "b.txt": "b" }),
    );
    expect(write.status).toBe(404);
    expect((await h.call(undefined, "GET", "/api/models/alice/nothing")).status).toBe(404);
  });

  it("a new repo under the old name takes it over; a private repo's old name stays a 404 to others", async () => {
    await kit.json(h.call(alice.token, "POST", "/api/repos/create", { name: "old" }));
    expect((await kit.json(h.call(undefined, "GET", "/api/models/alice/old"))).id).toBe("alice/old");
    await kit.json(h.call(alice.token, "POST", "/api/repos/create", { name: "hush", private: true }));
    await kit.json(h.call(alice.token, "POST", "/api/repos/move", { fromRepo: "alice/hush", toRepo: "alice/quiet" }));
    const hidden = await h.call(bob.token, "GET", "/api/models/alice/hush");
    expect(hidden.status).toBe(404);
    expect(hidden.headers.get("Location")).toBeNull();
    const mine = await h.call(alice.token, "GET", "/api/models/alice/hush");
    expect(mine.headers.get("Location")).toBe("/api/models/alice/quiet");
  });
});
