import { expect } from "@open-wc/testing";
import { MessageStore } from "../../src/store/message-store.js";
import { openDatabase } from "../../src/store/database.js";
import { noteUnwritten, unwrittenOf } from "../../src/store/unwritten-journal.js";
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

  it("takes our messages a page noted and could not write (closed right after Enter), and no stale copy", async () => {
    const database = openDatabase(name);
    const account = "journal@x";
    const ours = (id: string, state: "pending" | "sent") =>
      ({
        id,
        peer: "bob@x",
        from: account,
        to: "bob@x",
        body: `text ${id}`,
        direction: "out",
        timestamp: 5000,
        state,
      }) as const;
    // Written as sent by now: a note left behind of its pending copy must not take it back.
    await new MessageStore(database).save(account, ours("w1", "sent"));
    noteUnwritten({ account, ...ours("w1", "pending"), order: 5000 });
    // The page closed before this one's write: only the note has it.
    noteUnwritten({ account, ...ours("w2", "pending"), order: 5001 });

    const next = new MessageStore(openDatabase(name));
    expect((await next.pending(account)).map((message) => message.id)).to.deep.equal(["w2"]);
    expect((await next.recent(account, 10)).map((message) => [message.id, message.state])).to.deep.equal([
      ["w1", "sent"],
      ["w2", "pending"],
    ]);
    expect(unwrittenOf(account)).to.deep.equal([]);
    (await database)?.close();
  });

  it("notes our message being taken until it is written", async () => {
    const database = openDatabase(name);
    const account = "noting@x";
    const store = new MessageStore(database);
    const saving = store.save(account, {
      id: "n1",
      peer: "bob@x",
      from: account,
      to: "bob@x",
      body: "hi",
      direction: "out",
      timestamp: 1,
      state: "pending",
    });
    expect(unwrittenOf(account).map((record) => record.id)).to.deep.equal(["n1"]);
    await saving;
    expect(unwrittenOf(account)).to.deep.equal([]);
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
