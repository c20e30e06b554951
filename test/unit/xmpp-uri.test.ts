import { expect } from "@open-wc/testing";
import { isXmppUri, parseXmppUri } from "../../src/links/xmpp-uri.js";
import { XmppminiError } from "../../src/errors.js";

function errorOf(href: string): XmppminiError {
  try {
    parseXmppUri(href);
  } catch (error) {
    return error as XmppminiError;
  }
  throw new Error(`"${href}" was accepted`);
}

describe("parseXmppUri (RFC 5122)", () => {
  it("reads the address, the query type and its pairs", () => {
    const uri = parseXmppUri("xmpp:Bob@Example.org?message;subject=Hi;body=Hello%20there%21");
    expect(uri.jid).to.equal("bob@example.org");
    expect(uri.action).to.equal("message");
    expect(uri.params.get("body")).to.equal("Hello there!");
    expect(uri.params.get("subject")).to.equal("Hi");
  });

  it("takes a bare address from a full one and accepts no query at all", () => {
    const uri = parseXmppUri("XMPP:bob@example.org/phone");
    expect(uri).to.deep.equal({ jid: "bob@example.org", action: "", params: new Map() });
  });

  it("skips the authority (the account to act as) and the fragment", () => {
    expect(parseXmppUri("xmpp://me@example.org/bob@example.org?message#x").jid).to.equal("bob@example.org");
  });

  it("decodes UTF-8 %-escapes in the address and the body, and keeps a literal +", () => {
    const uri = parseXmppUri("xmpp:%E5%BC%A0%E4%B8%89@example.org?message;body=1+1%3D2");
    expect(uri.jid).to.equal("张三@example.org");
    expect(uri.params.get("body")).to.equal("1+1=2");
  });

  it("tells an xmpp: link from others", () => {
    expect(isXmppUri(" xmpp:bob@example.org")).to.equal(true);
    expect(isXmppUri("https://example.org/?xmpp:bob")).to.equal(false);
    expect(isXmppUri("mailto:bob@example.org")).to.equal(false);
  });

  it("rejects what names nobody or cannot be decoded, with invalid-jid", () => {
    for (const href of [
      "xmpp:",
      "xmpp:?message",
      "xmpp://me@example.org",
      "xmpp:bob@exa%ZZmple.org",
      "xmpp:bob@example.org?message;body=%E5",
      "https://example.org",
    ]) {
      const error = errorOf(href);
      expect(error, href).to.be.instanceOf(XmppminiError);
      expect(error.code, href).to.equal("invalid-jid");
    }
  });
});
