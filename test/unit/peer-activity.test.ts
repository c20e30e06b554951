import { expect } from "@open-wc/testing";
import xml from "@xmpp/xml";
import { buildChatState, parseChatState } from "../../src/xmpp/chat-states.js";
import { parsePresence } from "../../src/xmpp/presence.js";
import { PresenceBook } from "../../src/session/presence-book.js";
import { PeerWatch, type PeerNews } from "../../src/session/peer-watch.js";
import { readInbound } from "../../src/session/inbound.js";

const NS = "http://jabber.org/protocol/chatstates";

describe("chat states (XEP-0085)", () => {
  it("reads the state a message carries, with or without a body, and not from errors or groupchat", () => {
    expect(parseChatState(xml("message", { type: "chat" }, xml("composing", { xmlns: NS })))).to.equal("composing");
    expect(
      parseChatState(xml("message", { type: "chat" }, xml("body", {}, "x"), xml("active", { xmlns: NS }))),
    ).to.equal("active");
    expect(parseChatState(xml("message", { type: "chat" }, xml("composing", { xmlns: "other" })))).to.equal(undefined);
    expect(parseChatState(xml("message", { type: "chat" }, xml("dancing", { xmlns: NS })))).to.equal(undefined);
    expect(parseChatState(xml("message", { type: "error" }, xml("composing", { xmlns: NS })))).to.equal(undefined);
    expect(parseChatState(xml("message", { type: "groupchat" }, xml("composing", { xmlns: NS })))).to.equal(undefined);
  });

  it("builds a standalone notification that asks not to be stored", () => {
    const stanza = buildChatState("bob@x", "paused", "s1");
    expect(stanza.attrs).to.include({ to: "bob@x", type: "chat", id: "s1" });
    expect(stanza.getChild("paused", NS)).to.not.equal(undefined);
    expect(stanza.getChild("no-store", "urn:xmpp:hints")).to.not.equal(undefined);
    expect(stanza.getChild("body")).to.equal(undefined);
  });

  it("readInbound reports a peer's state by bare JID, but not one inside a carbon of our own traffic", () => {
    const direct = readInbound(
      xml("message", { type: "chat", from: "bob@x/phone" }, xml("composing", { xmlns: NS })),
      "me@x",
      "me@x",
    );
    expect(direct).to.deep.equal({ chatState: { from: "bob@x", state: "composing" } });
    const inner = xml("message", { type: "chat", from: "me@x/other", to: "bob@x" }, xml("composing", { xmlns: NS }));
    const carbon = xml(
      "message",
      { from: "me@x", to: "me@x/web" },
      xml("sent", { xmlns: "urn:xmpp:carbons:2" }, xml("forwarded", { xmlns: "urn:xmpp:forward:0" }, inner)),
    );
    expect(readInbound(carbon, "me@x", "me@x").chatState).to.equal(undefined);
  });
});

describe("presence", () => {
  it("reads show, status and priority, and treats subscriptions and errors as no news", () => {
    const update = parsePresence(
      xml(
        "presence",
        { from: "Bob@X/phone" },
        xml("show", {}, "away"),
        xml("status", {}, "At lunch"),
        xml("priority", {}, "5"),
      ),
    );
    expect(update).to.deep.equal({
      from: "bob@x",
      resource: "phone",
      availability: "away",
      status: "At lunch",
      priority: 5,
    });
    expect(parsePresence(xml("presence", { from: "bob@x/r" }))?.availability).to.equal("online");
    expect(parsePresence(xml("presence", { from: "bob@x/r" }, xml("show", {}, "<script>")))?.availability).to.equal(
      "online",
    );
    expect(parsePresence(xml("presence", { from: "bob@x/r", type: "unavailable" }))?.availability).to.equal("offline");
    for (const type of ["subscribe", "subscribed", "unsubscribe", "probe", "error"]) {
      expect(parsePresence(xml("presence", { from: "bob@x/r", type }))).to.equal(null);
    }
    expect(parsePresence(xml("message", { from: "bob@x/r" }))).to.equal(null);
    const long = parsePresence(xml("presence", { from: "bob@x/r" }, xml("status", {}, "x".repeat(10_000))));
    expect(long?.status?.length).to.equal(200);
  });

  it("adds resources up: highest priority first, then the most reachable; offline when none is left", () => {
    const book = new PresenceBook();
    const presence = (resource: string, availability: "online" | "away" | "dnd" | "offline", priority = 0) =>
      ({ from: "bob@x", resource, availability, priority }) as const;
    expect(book.update(presence("phone", "away"))).to.deep.equal({ availability: "away" });
    expect(book.update(presence("desk", "online"))).to.deep.equal({ availability: "online" });
    expect(book.update(presence("pager", "dnd", 10))).to.deep.equal({ availability: "dnd" });
    // Unchanged outcome: no news.
    expect(book.update(presence("phone", "online"))).to.equal(null);
    expect(book.update(presence("pager", "offline"))).to.deep.equal({ availability: "online" });
    book.update(presence("desk", "offline"));
    expect(book.update(presence("phone", "offline"))).to.deep.equal({ availability: "offline" });
    book.update(presence("a", "online"));
    book.update(presence("b", "away"));
    expect(book.update(presence("", "offline"))).to.deep.equal({ availability: "offline" });
  });

  it("a new session reports those thought online as offline and stops their typing", () => {
    const news: Array<[string, PeerNews]> = [];
    const watch = new PeerWatch({ news: (peer, item) => news.push([peer, item]) });
    watch.presence("bob@x", { from: "real@y", resource: "r", availability: "chat", priority: 0 });
    watch.chatState("carol@x", "composing");
    news.length = 0;
    watch.reset();
    expect(news).to.deep.equal([
      ["bob@x", { presence: { availability: "offline" } }],
      ["carol@x", { chatState: "active" }],
    ]);
  });

  it("sends our chat states only to a peer that speaks them, and only when they change", () => {
    const watch = new PeerWatch({ news: () => undefined });
    expect(watch.shouldSend("bob@x", "composing")).to.equal(false);
    watch.chatState("bob@x", "active");
    expect(watch.shouldSend("bob@x", "composing")).to.equal(true);
    expect(watch.shouldSend("bob@x", "composing")).to.equal(false);
    expect(watch.shouldSend("bob@x", "paused")).to.equal(true);
    watch.messageSent("bob@x");
    expect(watch.shouldSend("bob@x", "active")).to.equal(false);
    expect(watch.shouldSend("bob@x", "composing")).to.equal(true);
  });
});
