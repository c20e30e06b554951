import { expect } from "@open-wc/testing";
import { openDB } from "idb";
import { ConversationMarks } from "../../src/session/conversation-marks.js";
import { ConversationStore } from "../../src/store/conversation-store.js";
import { openDatabase } from "../../src/store/database.js";

describe("ConversationMarks", () => {
  it("knows whom the person wrote to (no stranger), kept for the next page, with the other marks", async () => {
    const database = openDatabase(`acquainted-test-${Math.random()}`);
    const marks = new ConversationMarks(new ConversationStore(database), "me@x", () => undefined);
    expect(marks.acquainted("bob@x")).to.equal(false);
    marks.read("bob@x", 2);
    expect(marks.markAcquainted("bob@x")).to.equal(true);
    expect(marks.markAcquainted("bob@x")).to.equal(false);
    await marks.flushed();
    const next = new ConversationMarks(new ConversationStore(database), "me@x", () => undefined);
    await next.load();
    expect(next.acquainted("bob@x")).to.equal(true);
    expect(next.lastRead("bob@x")).to.equal(2);
    expect(next.acquainted("mallory@x")).to.equal(false);
    (await database).close();
  });

  it("keeps read marks and drafts per conversation in IndexedDB, for the next page", async () => {
    const database = openDatabase(`marks-test-${Math.random()}`);
    const failures: unknown[] = [];
    const marks = new ConversationMarks(new ConversationStore(database), "me@x", (error) => failures.push(error));
    expect(marks.read("bob@x", 5)).to.equal(true);
    expect(marks.read("bob@x", 3)).to.equal(false);
    marks.setDraft("bob@x", "half a thought");
    marks.setDraft("carol@x", "hi");
    marks.setDraft("carol@x", "");
    await marks.flushed();

    const next = new ConversationMarks(new ConversationStore(database), "me@x", (error) => failures.push(error));
    await next.load();
    expect(next.lastRead("bob@x")).to.equal(5);
    expect(next.draft("bob@x")).to.equal("half a thought");
    expect(next.draft("carol@x")).to.equal("");
    expect(next.readMarks).to.deep.equal([["bob@x", 5]]);
    // Another account's conversations are its own.
    const other = new ConversationMarks(new ConversationStore(database), "other@x", () => undefined);
    await other.load();
    expect(other.readMarks).to.deep.equal([]);
    expect(failures).to.deep.equal([]);
    (await database).close();
  });

  it("keeps what this page changed when the stored marks load later", async () => {
    const store = new ConversationStore(Promise.resolve(null));
    await store.put({ account: "me@x", peer: "bob@x", lastRead: 2, draft: "stored" });
    const marks = new ConversationMarks(store, "me@x", () => undefined);
    marks.read("bob@x", 7);
    await marks.load();
    expect(marks.lastRead("bob@x")).to.equal(7);
    expect(marks.draft("bob@x")).to.equal("stored");
  });
});

describe("database upgrade to v4", () => {
  it("marks history kept by v3 as read, so an upgrade shows no old messages as unread", async () => {
    const name = `upgrade-test-${Math.random()}`;
    // A v3 database as v3 created it, with two conversations.
    const v3 = await openDB(name, 3, {
      upgrade(db) {
        db.createObjectStore("resolver-cache", { keyPath: "key" });
        const messages = db.createObjectStore("messages", { keyPath: ["account", "peer", "id"] });
        messages.createIndex("by-state", ["account", "state"]);
        messages.createIndex("by-conversation", ["account", "peer", "order"]);
        db.createObjectStore("sessions", { keyPath: "account" });
      },
    });
    const record = (peer: string, id: string, order: number) => ({
      account: "me@x",
      peer,
      id,
      from: peer,
      to: "me@x",
      body: id,
      direction: "in",
      timestamp: order,
      order,
    });
    for (const message of [
      record("bob@x", "1", 10),
      record("bob@x", "2", 30),
      record("bob@x", "3", 20),
      record("carol@x", "4", 5),
    ]) {
      await v3.put("messages", message);
    }
    v3.close();

    const database = openDatabase(name);
    const marks = new ConversationMarks(new ConversationStore(database), "me@x", () => undefined);
    await marks.load();
    expect(marks.readMarks.sort()).to.deep.equal([
      ["bob@x", 30],
      ["carol@x", 5],
    ]);
    (await database).close();
  });
});
