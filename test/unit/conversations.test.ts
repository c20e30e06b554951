import { expect } from "@open-wc/testing";
import { Conversations, unreadCount } from "../../src/session/conversations.js";
import { SeenIds } from "../../src/session/seen-ids.js";
import type { ChatMessage } from "../../src/xmpp/chat-message.js";

function message(peer: string, id: string, timestamp: number, direction: "in" | "out" = "in"): ChatMessage {
  return { id, peer, from: peer, to: "me@x", body: id, direction, timestamp };
}

describe("Conversations", () => {
  it("orders messages by time where they carry no order key, so an older page slots in place", () => {
    const conversations = new Conversations();
    conversations.add(message("bob@x", "b", 2000));
    conversations.add(message("bob@x", "c", 3000));
    conversations.add(message("bob@x", "a", 1000));
    expect(conversations.active?.messages.map((m) => m.id)).to.deep.equal(["a", "b", "c"]);
  });

  it("sorts by the order key over the time: an offline message stamped earlier stays where it arrived", () => {
    const conversations = new Conversations();
    conversations.add({ ...message("bob@x", "live", 5_400), order: 5_400 });
    conversations.add({ ...message("bob@x", "offline", 5_000), order: 5_400.001 });
    conversations.add({ ...message("bob@x", "older page", 1_000), order: 1_000 });
    expect(conversations.active?.messages.map((m) => m.id)).to.deep.equal(["older page", "live", "offline"]);
    expect(conversations.active?.messages[2]!.timestamp).to.equal(5_000);
  });

  it("holds a message once however often it is added", () => {
    const conversations = new Conversations();
    expect(conversations.add(message("bob@x", "same", 1000))).to.equal(true);
    expect(conversations.add(message("bob@x", "same", 1000))).to.equal(false);
    expect(conversations.active?.messages).to.have.length(1);
  });

  it("counts incoming messages after the read mark as unread; our own and older ones are not", () => {
    const conversations = new Conversations();
    conversations.add(message("carol@x", "1", 1));
    conversations.add(message("carol@x", "2", 2));
    conversations.add(message("carol@x", "mine", 3, "out"));
    conversations.add(message("carol@x", "4", 4));
    const carol = conversations.all[0]!;
    expect(unreadCount(carol)).to.equal(3);
    conversations.markRead("carol@x", 2);
    expect(unreadCount(carol)).to.equal(1);
    // Marks only move forward: news from another tab that read less changes nothing.
    conversations.markRead("carol@x", 1);
    expect(unreadCount(carol)).to.equal(1);
    // An older page loaded above the mark is not unread.
    conversations.add(message("carol@x", "0", 0.5));
    expect(unreadCount(carol)).to.equal(1);
    conversations.markRead("carol@x", 4);
    expect(unreadCount(carol)).to.equal(0);
  });
});

describe("SeenIds", () => {
  it("reports a repeated id once and forgets the oldest past its capacity", () => {
    const seen = new SeenIds(2);
    expect(seen.add("a")).to.equal(true);
    expect(seen.add("a")).to.equal(false);
    seen.add("b");
    seen.add("c");
    expect(seen.add("a")).to.equal(true);
    expect(seen.add("c")).to.equal(false);
  });
});
