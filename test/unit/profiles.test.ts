import { expect } from "@open-wc/testing";
import xml from "@xmpp/xml";
import { consistentHue } from "../../src/ui/avatars/consistent-color.js";
import { initialsOf } from "../../src/ui/avatars/avatar.js";
import { avatarOf, readVcard } from "../../src/xmpp/profile-queries.js";
import { cleanName } from "../../src/xmpp/names.js";
import { parsePresence } from "../../src/xmpp/presence.js";
import { parseIncomingMessage } from "../../src/xmpp/chat-message.js";

const DOT_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

describe("names and pictures", () => {
  it("gives each address the hue XEP-0392's test vectors give it", () => {
    // XEP-0392 §13 (Test Vectors): the angle, to the precision the vectors give.
    expect(consistentHue("Romeo")).to.be.closeTo(327.255249, 1e-5);
    expect(consistentHue("juliet@capulet.lit")).to.be.closeTo(209.4104, 1e-4);
    expect(consistentHue("😺")).to.be.closeTo(331.199341, 1e-5);
    expect(consistentHue("council")).to.be.closeTo(359.994507, 1e-5);
  });

  it("makes initials from a name's first two words, else the address", () => {
    expect(initialsOf("Acme Tea support", "support@acme.example")).to.equal("AT");
    expect(initialsOf("émile zola", "e@x")).to.equal("ÉZ");
    expect(initialsOf("  ", "bob@example.org")).to.equal("B");
    expect(initialsOf(undefined, "😺@cats.example")).to.equal("😺");
  });

  it("reads a vCard's name and photo, hashing the photo as XEP-0153 does, and refuses what is no picture", async () => {
    const vcard = (...children: Array<ReturnType<typeof xml>>) => xml("vCard", { xmlns: "vcard-temp" }, ...children);
    const photo = (type: string, data: string) => xml("PHOTO", {}, xml("TYPE", {}, type), xml("BINVAL", {}, data));
    const read = await readVcard(
      vcard(xml("FN", {}, "  Vera\n Card "), photo("image/png", `${DOT_PNG.slice(0, 20)}\n${DOT_PNG.slice(20)}`)),
    );
    expect(read.name).to.equal("Vera Card");
    expect(read.photo?.data).to.equal(DOT_PNG);
    expect(read.photo?.hash).to.match(/^[0-9a-f]{40}$/u);
    expect((await readVcard(vcard(xml("NICKNAME", {}, "vc")))).name).to.equal("vc");
    expect((await readVcard(vcard(photo("image/svg+xml", DOT_PNG)))).photo).to.equal(undefined);
    expect(avatarOf("image/png", "<script>", "h")).to.equal(undefined);
    expect(avatarOf("image/png", "A".repeat(70_000), "h")).to.equal(undefined);
    expect(cleanName("x".repeat(150))).to.have.length(100);
  });

  it("hears a photo's hash in presence (XEP-0153) and a sender's name in its message (XEP-0172)", () => {
    const presence = (photo: string) =>
      xml("presence", { from: "bob@x/r" }, xml("x", { xmlns: "vcard-temp:x:update" }, xml("photo", {}, photo)));
    expect(parsePresence(presence("ABCDEF0123456789abcdef0123456789ABCDEF01"))?.photo).to.equal(
      "abcdef0123456789abcdef0123456789abcdef01",
    );
    expect(parsePresence(presence(""))?.photo).to.equal("");
    expect(parsePresence(presence("not a hash"))?.photo).to.equal(undefined);
    const message = xml(
      "message",
      { from: "bob@x/r", to: "me@x", type: "chat", id: "1" },
      xml("body", {}, "hi"),
      xml("nick", { xmlns: "http://jabber.org/protocol/nick" }, " Bob\tThe Builder "),
    );
    expect(parseIncomingMessage(message, "me@x")?.senderName).to.equal("Bob The Builder");
  });
});
