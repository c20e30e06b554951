import { expect } from "@open-wc/testing";
import { capsVer, capsVerificationString, discoInfoElement, FEATURES } from "../../src/xmpp/capabilities.js";

describe("entity capabilities (XEP-0115)", () => {
  // The worked example of XEP-0115 §5.2.
  const exodus = { category: "client", type: "pc", name: "Exodus 0.9.1" };
  const exodusFeatures = [
    "http://jabber.org/protocol/muc",
    "http://jabber.org/protocol/disco#info",
    "http://jabber.org/protocol/caps",
    "http://jabber.org/protocol/disco#items",
  ];

  it("builds the verification string with sorted features", () => {
    expect(capsVerificationString(exodus, exodusFeatures)).to.equal(
      "client/pc//Exodus 0.9.1<http://jabber.org/protocol/caps<http://jabber.org/protocol/disco#info<" +
        "http://jabber.org/protocol/disco#items<http://jabber.org/protocol/muc<",
    );
  });

  it("hashes it to the XEP's published ver", async () => {
    expect(await capsVer(exodus, exodusFeatures)).to.equal("QgayPKawpkPSDYmwT/WM94uAlu0=");
  });

  it("announces in disco#info exactly the features the ver covers, echoing the node", () => {
    const query = discoInfoElement("urn:xmppmini:chat#abc");
    expect(query.attrs.node).to.equal("urn:xmppmini:chat#abc");
    expect(query.getChildren("feature").map((feature) => feature.attrs.var)).to.deep.equal([...FEATURES]);
  });
});
