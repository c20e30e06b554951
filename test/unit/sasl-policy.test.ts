import { expect } from "@open-wc/testing";
import { chooseMechanism } from "../../src/xmpp/sasl-policy.js";

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
});
