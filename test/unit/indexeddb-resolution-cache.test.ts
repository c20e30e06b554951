import { expect } from "@open-wc/testing";
import { IndexedDbResolutionCache } from "../../src/store/indexeddb-resolution-cache.js";

describe("IndexedDbResolutionCache", () => {
  const name = `xmppmini-test-${Math.random().toString(36).slice(2)}`;
  after(() => indexedDB.deleteDatabase(name));

  it("keeps entries across instances (a reload) until they expire, and forgets on delete", async () => {
    let now = 1000;
    const first = new IndexedDbResolutionCache(name, () => now);
    await first.set("file:a.example", { found: true, value: { host: "a.example", dynamic: false } }, 5000);
    await first.set("file:b.example", { found: false }, 5000);

    const second = new IndexedDbResolutionCache(name, () => now);
    expect(await second.get("file:a.example")).to.deep.equal({
      found: true,
      value: { host: "a.example", dynamic: false },
    });
    expect(await second.get("file:b.example")).to.deep.equal({ found: false });

    await second.delete("file:b.example");
    expect(await second.get("file:b.example")).to.equal(undefined);
    now = 6000;
    expect(await second.get("file:a.example")).to.equal(undefined);
  });
});
