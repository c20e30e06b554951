import { expect } from "@open-wc/testing";
import JIDFunction, { JID, jid, parse } from "../../src/xmpp/xmpp-jid.js";

describe("the address class xmpp.js is given (src/xmpp/xmpp-jid.ts)", () => {
  it("parses local@domain/resource, each part but the domain optional, and writes it back", () => {
    const full = parse("Alice@Example.ORG/phone/1");
    expect([full.local, full.domain, full.resource]).to.deep.equal(["alice", "example.org", "phone/1"]);
    expect(full.toString()).to.equal("alice@example.org/phone/1");
    expect(String(parse("example.org"))).to.equal("example.org");
    expect(parse("room@conference.example.org/Nick Name").resource).to.equal("Nick Name");
  });

  it("gives the bare address, compares, and refuses an address without a domain", () => {
    const full = jid("alice@example.org/phone");
    expect(full.bare().toString()).to.equal("alice@example.org");
    expect(full.bare().equals(jid("alice", "example.org"))).to.equal(true);
    expect(full.equals(jid("alice@example.org/laptop"))).to.equal(false);
    expect(() => new JID("alice", "")).to.throw(TypeError);
  });

  it("works as the package's default export: called, and with new (as xmpp.js's middleware does)", () => {
    const Constructor = JIDFunction as unknown as new (text: string) => JID;
    const made = new Constructor("bob@example.org/x");
    expect(made).to.be.instanceOf(JID);
    expect(made.toString()).to.equal("bob@example.org/x");
    expect(JIDFunction("bob@example.org").local).to.equal("bob");
  });
});
