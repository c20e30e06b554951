import { expect } from "@open-wc/testing";
import { chooseMechanism, SaslAnonymous } from "../../src/xmpp/sasl-policy.js";

describe("chooseMechanism", () => {
  it("prefers SCRAM-SHA-1 whatever the order offered", () => {
    expect(chooseMechanism(["PLAIN", "SCRAM-SHA-1"], true)).to.equal("SCRAM-SHA-1");
  });

  it("uses PLAIN only over a secure transport", () => {
    expect(chooseMechanism(["PLAIN"], true)).to.equal("PLAIN");
    expect(chooseMechanism(["PLAIN"], false)).to.equal(undefined);
  });

  it("ignores mechanisms it does not implement", () => {
    expect(chooseMechanism(["SCRAM-SHA-256", "X-OAUTH2"], true)).to.equal(undefined);
  });

  it("an anonymous sign-in takes ANONYMOUS or nothing, never a password mechanism", () => {
    expect(chooseMechanism(["SCRAM-SHA-1", "PLAIN", "ANONYMOUS"], true, true)).to.equal("ANONYMOUS");
    expect(chooseMechanism(["SCRAM-SHA-1", "PLAIN"], true, true)).to.equal(undefined);
    // And a signed-in account never falls back to ANONYMOUS.
    expect(chooseMechanism(["ANONYMOUS"], true)).to.equal(undefined);
  });
});

describe("SaslAnonymous", () => {
  it("sends an empty initial response: no trace token that would say something about the visitor", () => {
    const mechanism = new SaslAnonymous();
    expect(mechanism.name).to.equal("ANONYMOUS");
    expect(mechanism.clientFirst).to.equal(true);
    expect(mechanism.response()).to.equal("");
  });
});
