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

describe("Conversations: muted rooms", () => {
  it("a muted room counts only the messages that mention us in the total; its own count keeps them all", () => {
    const conversations = new Conversations();
    const room = "team@conference.x";
    conversations.add({ ...message(room, "r1", 1000), room: true, nick: "ann" });
    conversations.add({ ...message(room, "r2", 2000), room: true, nick: "ben", mentionsMe: true });
    conversations.add(message("bob@x", "b1", 3000));
    expect(conversations.unread).to.equal(3);
    conversations.muted.add(room);
    expect(conversations.unread).to.equal(2);
    expect(unreadCount(conversations.all.find((conversation) => conversation.peer === room)!)).to.equal(2);
    conversations.markRead(room, 2000);
    expect(conversations.unread).to.equal(1);
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

describe("Conversations: corrections (XEP-0308)", () => {
  const from = (
    peer: string,
    id: string,
    body: string,
    order: number,
    extra: Partial<ChatMessage> = {},
  ): ChatMessage => ({
    id,
    peer,
    from: peer,
    to: "me@x",
    body,
    direction: "in",
    timestamp: order,
    order,
    ...extra,
  });

  it("replaces the text of the message it names, in its place, and the latest correction wins", () => {
    const conversations = new Conversations();
    conversations.add(from("bob@x", "m1", "helo", 1));
    conversations.add(from("bob@x", "m2", "next", 2));
    expect(conversations.add(from("bob@x", "c1", "hello", 3, { replaces: "m1" }))).to.equal(true);
    conversations.add(from("bob@x", "c3", "hello!!", 5, { replaces: "m1" }));
    conversations.add(from("bob@x", "c2", "hello!", 4, { replaces: "m1" }));
    const shown = conversations.active!.messages;
    expect(shown.map((m) => [m.id, m.body, m.correctedBy])).to.deep.equal([
      ["m1", "hello!!", "c3"],
      ["m2", "next", undefined],
    ]);
    expect(unreadCount(conversations.active!)).to.equal(2);
  });

  it("shows a correction whose original is not loaded, and folds it in when the original turns up", () => {
    const conversations = new Conversations();
    conversations.add(from("bob@x", "c1", "fixed", 10, { replaces: "m1" }));
    expect(conversations.active!.messages.map((m) => m.body)).to.deep.equal(["fixed"]);
    conversations.add(from("bob@x", "m1", "broken", 1));
    expect(conversations.active!.messages.map((m) => [m.id, m.body])).to.deep.equal([["m1", "fixed"]]);
  });

  it("refuses to let someone else's message stand in for a correction of ours", () => {
    const conversations = new Conversations();
    conversations.add({ ...from("bob@x", "mine", "my words", 1), direction: "out", from: "me@x", to: "bob@x" });
    conversations.add(from("bob@x", "forged", "your words", 2, { replaces: "mine" }));
    expect(conversations.active!.messages.map((m) => [m.id, m.body])).to.deep.equal([
      ["mine", "my words"],
      ["forged", "your words"],
    ]);
  });

  it("a corrected message of ours shows its correction's delivery state", () => {
    const conversations = new Conversations();
    const out = (id: string, body: string, order: number, extra: Partial<ChatMessage>): ChatMessage => ({
      ...from("bob@x", id, body, order, extra),
      direction: "out",
      from: "me@x",
      to: "bob@x",
    });
    conversations.add(out("m1", "helo", 1, { state: "delivered" }));
    conversations.add(out("c1", "hello", 2, { state: "pending", replaces: "m1" }));
    expect(conversations.active!.messages[0]).to.include({
      id: "m1",
      body: "hello",
      state: "pending",
      correctedBy: "c1",
    });
    // The original's own later news does not overwrite the correction's.
    expect(conversations.update(out("m1", "helo", 1, { state: "read" }))).to.equal(false);
    expect(conversations.update(out("c1", "hello", 2, { state: "failed", reason: "gone", replaces: "m1" }))).to.equal(
      true,
    );
    expect(conversations.active!.messages[0]).to.include({ id: "m1", body: "hello", state: "failed", reason: "gone" });
  });
});

describe("Conversations: who may correct what in a room (XEP-0308 §5, XEP-0421)", () => {
  const room = "team@conference.x";
  const said = (
    id: string,
    nick: string,
    body: string,
    order: number,
    extra: Partial<ChatMessage> = {},
  ): ChatMessage => ({
    id,
    peer: room,
    from: room,
    to: "me@x",
    body,
    direction: "in",
    timestamp: order,
    order,
    room: true,
    nick,
    ...extra,
  });
  const shown = (conversations: Conversations) => conversations.active!.messages.map((m) => [m.nick, m.body]);

  it("an occupant corrects its own message, not another's: that one shows on its own, under its sender's name", () => {
    const conversations = new Conversations();
    conversations.add(said("a1", "ann", "ann's words", 1));
    conversations.add(said("b1", "ben", "not ann's words", 2, { replaces: "a1" }));
    conversations.add(said("a2", "ann", "ann's words, fixed", 3, { replaces: "a1" }));
    expect(shown(conversations)).to.deep.equal([
      ["ann", "ann's words, fixed"],
      ["ben", "not ann's words"],
    ]);
  });

  it("goes by the occupant id where both carry one: a new holder of the nickname is someone else; a renamed occupant is not", () => {
    const conversations = new Conversations();
    conversations.add(said("a1", "ann", "first ann", 1, { occupantId: "id-ann" }));
    conversations.add(said("x1", "ann", "second ann", 2, { occupantId: "id-other", replaces: "a1" }));
    conversations.add(said("a2", "annie", "first ann, fixed", 3, { occupantId: "id-ann", replaces: "a1" }));
    expect(shown(conversations)).to.deep.equal([
      ["ann", "first ann, fixed"],
      ["ann", "second ann"],
    ]);
  });

  it("never lets another nickname correct a message of ours", () => {
    const conversations = new Conversations();
    conversations.add(said("mine", "me", "my words", 1, { direction: "out", from: "me@x", to: room }));
    conversations.add(said("f1", "mallory", "words put in my mouth", 2, { replaces: "mine" }));
    expect(shown(conversations)).to.deep.equal([
      ["me", "my words"],
      ["mallory", "words put in my mouth"],
    ]);
    // Ours as the room gave it back (a join's history): from the room's address like everyone's.
    const fromRoom = new Conversations();
    fromRoom.add(said("mine", "me", "my words", 1, { direction: "out" }));
    fromRoom.add(said("f1", "mallory", "words put in my mouth", 2, { replaces: "mine" }));
    expect(shown(fromRoom)).to.deep.equal([
      ["me", "my words"],
      ["mallory", "words put in my mouth"],
    ]);
  });

  it("applies the rule to a correction that came before its original, and keeps the author's over a later stranger's", () => {
    const conversations = new Conversations();
    conversations.add(said("a2", "ann", "ann, fixed", 10, { replaces: "a1" }));
    conversations.add(said("b2", "ben", "ben's try", 11, { replaces: "a1" }));
    conversations.add(said("a1", "ann", "ann, first", 1));
    expect(shown(conversations)).to.deep.equal([
      ["ann", "ann, fixed"],
      ["ben", "ben's try"],
    ]);
    const other = new Conversations();
    other.add(said("b2", "ben", "ben's try", 11, { replaces: "a1" }));
    other.add(said("a1", "ann", "ann, first", 1));
    expect(shown(other)).to.deep.equal([
      ["ann", "ann, first"],
      ["ben", "ben's try"],
    ]);
  });
});
