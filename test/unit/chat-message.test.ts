import { expect } from "@open-wc/testing";
import xml from "@xmpp/xml";
import {
  buildChatMessage,
  parseIncomingMessage,
  parseMessageError,
  validateBody,
  MAX_BODY_LENGTH,
} from "../../src/xmpp/chat-message.js";
import { XmppminiError } from "../../src/errors.js";

const OWN = "alice@example.org";

describe("chat messages", () => {
  it("builds a chat message whose origin-id equals its id (XEP-0359)", () => {
    const stanza = buildChatMessage("bob@example.org", "hi <there>", "id-1");
    expect(stanza.attrs).to.include({ to: "bob@example.org", type: "chat", id: "id-1" });
    expect(stanza.getChildText("body")).to.equal("hi <there>");
    expect(stanza.getChild("origin-id", "urn:xmpp:sid:0")?.attrs.id).to.equal("id-1");
    expect(stanza.toString()).to.contain("hi &lt;there&gt;");
  });

  it("reads an incoming chat with bare addresses and the origin-id as its id", () => {
    const stanza = xml(
      "message",
      { from: "Bob@Example.org/phone", to: `${OWN}/web`, type: "chat", id: "stanza-1" },
      xml("body", {}, "hello"),
      xml("origin-id", { xmlns: "urn:xmpp:sid:0", id: "origin-1" }),
    );
    expect(parseIncomingMessage(stanza, OWN, 1000)).to.deep.equal({
      id: "origin-1",
      from: "bob@example.org",
      to: OWN,
      peer: "bob@example.org",
      body: "hello",
      direction: "in",
      timestamp: 1000,
    });
  });

  it("takes the server's time from a delay stamp (XEP-0203)", () => {
    const stanza = xml(
      "message",
      { from: "bob@example.org", type: "chat", id: "x" },
      xml("body", {}, "sent earlier"),
      xml("delay", { xmlns: "urn:xmpp:delay", stamp: "2026-01-02T03:04:05Z" }),
    );
    expect(parseIncomingMessage(stanza, OWN)?.timestamp).to.equal(Date.parse("2026-01-02T03:04:05Z"));
  });

  it("reads a headline as a notice, never markable, and a correction's target (XEP-0308)", () => {
    const headline = parseIncomingMessage(
      xml(
        "message",
        { from: "example.org", type: "headline", id: "h" },
        xml("body", {}, "Maintenance at 22:00"),
        xml("markable", { xmlns: "urn:xmpp:chat-markers:0" }),
      ),
      OWN,
    );
    expect(headline).to.include({ kind: "headline", body: "Maintenance at 22:00", peer: "example.org" });
    expect(headline?.markable).to.equal(undefined);
    const correction = parseIncomingMessage(
      xml(
        "message",
        { from: "b@x/r", type: "chat", id: "c2" },
        xml("body", {}, "fixed"),
        xml("replace", { xmlns: "urn:xmpp:message-correct:0", id: "c1" }),
      ),
      OWN,
    );
    expect(correction).to.include({ id: "c2", replaces: "c1", body: "fixed" });
  });

  it("builds our message saying we are active, and a correction naming the message it replaces", () => {
    const plain = buildChatMessage("b@x", "hi", "m1");
    expect(plain.getChild("active", "http://jabber.org/protocol/chatstates")).to.not.equal(undefined);
    expect(plain.getChild("replace", "urn:xmpp:message-correct:0")).to.equal(undefined);
    const correction = buildChatMessage("b@x", "hi!", "m2", { replaces: "m1" });
    expect(correction.getChild("replace", "urn:xmpp:message-correct:0")?.attrs.id).to.equal("m1");
    expect(correction.attrs.id).to.equal("m2");
  });

  it("carries our nickname when the page knows one (XEP-0172 §4.2), and none otherwise", () => {
    const NS_NICK = "http://jabber.org/protocol/nick";
    expect(buildChatMessage("b@x", "hi", "m1").getChild("nick", NS_NICK)).to.equal(undefined);
    const named = buildChatMessage("b@x", "hi", "m1", { nick: "Ann <Example>" });
    expect(named.getChildText("nick", NS_NICK)).to.equal("Ann <Example>");
    expect(named.toString()).to.contain('<nick xmlns="http://jabber.org/protocol/nick">Ann &lt;Example&gt;</nick>');
  });

  it("ignores groupchat, error and body-less messages", () => {
    for (const type of ["groupchat", "error"]) {
      expect(parseIncomingMessage(xml("message", { from: "b@x", type }, xml("body", {}, "t")), OWN)).to.equal(null);
    }
    expect(parseIncomingMessage(xml("message", { from: "b@x", type: "chat" }), OWN)).to.equal(null);
  });

  it("reads a bounced message's condition and text (RFC 6120 §8.3)", () => {
    const stanza = xml(
      "message",
      { from: "nobody@example.org", type: "error", id: "m1" },
      xml(
        "error",
        { type: "cancel" },
        xml("service-unavailable", { xmlns: "urn:ietf:params:xml:ns:xmpp-stanzas" }),
        xml("text", { xmlns: "urn:ietf:params:xml:ns:xmpp-stanzas" }, "No such user"),
      ),
    );
    expect(parseMessageError(stanza)).to.deep.equal({
      id: "m1",
      peer: "nobody@example.org",
      from: "nobody@example.org",
      condition: "service-unavailable",
      text: "No such user",
    });
  });

  it("caps a bounce's text and condition name: whoever sent the error wrote them", () => {
    const stanza = xml(
      "message",
      { from: "Mallory@Example.org/Desk", type: "error", id: "m1" },
      xml(
        "error",
        { type: "cancel" },
        xml("x".repeat(500), { xmlns: "urn:ietf:params:xml:ns:xmpp-stanzas" }),
        xml("text", { xmlns: "urn:ietf:params:xml:ns:xmpp-stanzas" }, "🎉".repeat(5000)),
      ),
    );
    const bounced = parseMessageError(stanza)!;
    expect([...bounced.text!]).to.have.length(300);
    expect(bounced.text!.endsWith("🎉…")).to.equal(true);
    expect(bounced.condition).to.have.length(64);
    expect(bounced.from).to.equal("mallory@example.org/Desk");
  });

  it("refuses empty and oversized bodies with invalid-message", () => {
    for (const body of ["", "  \n ", "x".repeat(MAX_BODY_LENGTH + 1)]) {
      expect(() => validateBody(body))
        .to.throw(XmppminiError)
        .with.property("code", "invalid-message");
    }
    expect(() => validateBody("x".repeat(MAX_BODY_LENGTH))).not.to.throw();
  });
});
