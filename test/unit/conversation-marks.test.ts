import { expect } from "@open-wc/testing";
import { ConversationMarks } from "../../src/session/conversation-marks.js";
import { ConversationStore } from "../../src/store/conversation-store.js";
import { openDatabase } from "../../src/store/database.js";

describe("ConversationMarks", () => {
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
