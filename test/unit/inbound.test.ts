import { expect } from "@open-wc/testing";
import xml from "@xmpp/xml";
import { readInbound } from "../../src/session/inbound.js";

const ME = "me@x";
const chat = (attrs: Record<string, string>, ...children: Array<ReturnType<typeof xml>>) =>
  xml("message", { type: "chat", ...attrs }, ...children);

describe("readInbound", () => {
  it("reads a chat message and owes a receipt to its sender's full JID when asked", () => {
    const result = readInbound(
      chat(
        { from: "bob@x/phone", to: "me@x/web", id: "m1" },
        xml("body", {}, "hi"),
        xml("request", { xmlns: "urn:xmpp:receipts" }),
      ),
      ME,
      ME,
    );
    expect(result.chat?.parsed).to.include({ id: "m1", from: "bob@x", body: "hi", direction: "in" });
    expect(result.chat?.sent).to.equal(false);
    expect(result.receipt?.attrs.to).to.equal("bob@x/phone");
    expect(result.receipt?.getChild("received", "urn:xmpp:receipts")?.attrs.id).to.equal("m1");
    expect(result.receipt?.getChild("store", "urn:xmpp:hints")).to.not.equal(undefined);
  });

  it("reads receipts and displayed markers for our messages, and owes nothing without a request", () => {
    const receipt = readInbound(
      chat({ from: "bob@x/phone" }, xml("received", { xmlns: "urn:xmpp:receipts", id: "ours" })),
      ME,
      ME,
    );
    expect(receipt).to.deep.equal({ acknowledgement: { id: "ours", from: "bob@x", state: "delivered" } });
    const marker = readInbound(
      chat({ from: "bob@x/phone" }, xml("displayed", { xmlns: "urn:xmpp:chat-markers:0", id: "ours" })),
      ME,
      ME,
    );
    expect(marker.acknowledgement).to.deep.equal({ id: "ours", from: "bob@x", state: "read" });
  });

  it("reports a bounce and nothing else", () => {
    const bounce = xml(
      "message",
      { type: "error", from: "nobody@x", id: "ours" },
      xml("error", { type: "cancel" }, xml("service-unavailable", { xmlns: "urn:ietf:params:xml:ns:xmpp-stanzas" })),
    );
    const result = readInbound(bounce, ME, ME);
    expect(Object.keys(result)).to.deep.equal(["bounced"]);
    expect(result.bounced).to.include({ id: "ours", peer: "nobody@x", condition: "service-unavailable" });
  });

  it("unwraps a carbon from our own address, owes no receipt for it, and refuses one from anyone else", () => {
    const inner = chat(
      { from: "me@x/phone", to: "bob@x", id: "c1" },
      xml("body", {}, "sent elsewhere"),
      xml("request", { xmlns: "urn:xmpp:receipts" }),
    );
    const carbon = (from: string) =>
      xml(
        "message",
        { from, to: "me@x/web" },
        xml("sent", { xmlns: "urn:xmpp:carbons:2" }, xml("forwarded", { xmlns: "urn:xmpp:forward:0" }, inner)),
      );
    const own = readInbound(carbon("me@x"), ME, ME);
    expect(own.chat?.sent).to.equal(true);
    expect(own.chat?.parsed.body).to.equal("sent elsewhere");
    expect(own.receipt).to.equal(undefined);
    expect(readInbound(carbon("mallory@x"), ME, ME).chat).to.equal(undefined);
  });
});
