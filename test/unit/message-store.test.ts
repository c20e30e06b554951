import { expect } from "@open-wc/testing";
import { MessageStore } from "../../src/store/message-store.js";
import { openDatabase } from "../../src/store/database.js";
import type { ChatMessage } from "../../src/xmpp/chat-message.js";

function message(peer: string, id: string, timestamp: number): ChatMessage {
  return { id, peer, from: peer, to: "me@x", body: `body ${id}`, direction: "in", timestamp };
}

describe("MessageStore", () => {
  const name = `xmppmini-store-test-${Math.random().toString(36).slice(2)}`;
  after(() => indexedDB.deleteDatabase(name));

  it("keeps a message once, per account, and returns each conversation's latest, oldest first", async () => {
    const database = openDatabase(name);
    const store = new MessageStore(database);
    expect(await store.persistent()).to.equal(true);
    for (const [peer, id, time] of [
      ["bob@x", "b2", 2000],
      ["bob@x", "b1", 1000],
      ["bob@x", "b3", 3000],
      ["carol@x", "c1", 1500],
    ] as const) {
      await store.save("me@x", message(peer, id, time));
    }
    await store.save("me@x", message("bob@x", "b2", 2000));
    await store.save("other@x", message("bob@x", "o1", 1000));

    const again = new MessageStore(openDatabase(name));
    const recent = await again.recent("me@x", 2);
    expect(recent.map((m) => m.id)).to.deep.equal(["b2", "b3", "c1"]);
    expect(recent[0]).to.deep.equal({ ...message("bob@x", "b2", 2000), order: 2000 });
    expect((await again.recent("other@x", 10)).map((m) => m.id)).to.deep.equal(["o1"]);
    (await database)?.close();
  });

  it("prunes an account's messages older than the cutoff, but never a pending one", async () => {
    for (const database of [openDatabase(`${name}-prune`), Promise.resolve(null)]) {
      const store = new MessageStore(database);
      await store.save("me@x", message("bob@x", "old", 1000));
      await store.save("me@x", { ...message("bob@x", "old-pending", 1500), direction: "out", state: "pending" });
      await store.save("me@x", message("bob@x", "new", 5000));
      await store.save("other@x", message("bob@x", "other-old", 1000));
      expect(await store.prune("me@x", 2000)).to.equal(1);
      expect((await store.recent("me@x", 10)).map((m) => m.id)).to.deep.equal(["old-pending", "new"]);
      expect((await store.recent("other@x", 10)).map((m) => m.id)).to.deep.equal(["other-old"]);
      (await database)?.close();
    }
    indexedDB.deleteDatabase(`${name}-prune`);
  });

  it("keeps messages in memory when IndexedDB cannot be opened", async () => {
    const store = new MessageStore(Promise.resolve(null));
    expect(await store.persistent()).to.equal(false);
    await store.save("me@x", message("bob@x", "m1", 1000));
    expect((await store.recent("me@x", 5)).map((m) => m.id)).to.deep.equal(["m1"]);
  });
});
