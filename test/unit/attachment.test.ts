import { expect } from "@open-wc/testing";
import xml, { type Element } from "@xmpp/xml";
import { displayName, isAudio, isImage, parseAttachment, safeFileUrl } from "../../src/xmpp/attachment.js";
import { buildChatMessage, parseIncomingMessage } from "../../src/xmpp/chat-message.js";
import { formatDuration, formatSize } from "../../src/ui/templates/attachment-view.js";

const message = (...children: Element[]) =>
  xml(
    "message",
    { from: "bob@example.org/x", to: "alice@example.org", type: "chat", id: "m1" },
    xml("body", {}, "b"),
    ...children,
  );
const oob = (url: string, desc?: string) =>
  xml("x", { xmlns: "jabber:x:oob" }, xml("url", {}, url), desc ? xml("desc", {}, desc) : null);
const metadata = (fields: Record<string, string>) =>
  xml(
    "file",
    { xmlns: "urn:xmpp:file:metadata:0" },
    ...Object.entries(fields).map(([name, value]) => xml(name, {}, value)),
  );

describe("attachments (XEP-0066 out-of-band data, XEP-0446 metadata)", () => {
  it("reads the URL, name, size and type a sender gave", () => {
    const attachment = parseAttachment(
      message(
        oob("https://files.example.org/a/tea.png", "ignored when metadata names it"),
        metadata({ "media-type": "Image/PNG", name: "tea.png", size: "2048" }),
      ),
    );
    expect(attachment).to.deep.equal({
      url: "https://files.example.org/a/tea.png",
      name: "tea.png",
      size: 2048,
      mime: "image/png",
    });
  });

  it("refuses URLs that are no http(s) and drops metadata that does not parse", () => {
    for (const url of [
      "javascript:alert(1)",
      "data:text/html,<b>x</b>",
      "blob:https://x/1",
      "/relative",
      "",
      `https://x.org/${"a".repeat(3000)}`,
    ]) {
      expect(parseAttachment(message(oob(url))), url).to.equal(undefined);
    }
    const loose = parseAttachment(
      message(oob("https://x.org/f"), metadata({ size: "-1", "media-type": "not a type" })),
    );
    expect(loose).to.deep.equal({ url: "https://x.org/f" });
    expect(safeFileUrl(" https://x.org/a b ")).to.equal("https://x.org/a%20b");
  });

  it("round-trips through the message the widget sends", () => {
    const stanza = buildChatMessage("bob@example.org", "https://x.org/u/report.pdf", "id1", {
      attachment: {
        url: "https://x.org/u/report.pdf",
        name: "report.pdf",
        size: 10,
        mime: "application/pdf",
      },
    });
    stanza.attrs.from = "alice@example.org/web";
    const parsed = parseIncomingMessage(stanza, "bob@example.org");
    expect(parsed?.attachment).to.deep.equal({
      url: "https://x.org/u/report.pdf",
      name: "report.pdf",
      size: 10,
      mime: "application/pdf",
    });
    expect(parseIncomingMessage(message(), "alice@example.org")?.attachment).to.equal(undefined);
  });

  it("shows pictures by type, else by file name, and names files by their URL when unnamed", () => {
    expect(isImage({ url: "https://x.org/a.bin", mime: "image/webp" })).to.equal(true);
    expect(isImage({ url: "https://x.org/a.png", mime: "application/pdf" })).to.equal(false);
    expect(isImage({ url: "https://x.org/p/photo.JPG?x=1" })).to.equal(true);
    expect(isImage({ url: "https://x.org/p/drawing.svg" })).to.equal(false); // scripts inside: a link, not a picture
    expect(displayName({ url: "https://x.org/p/%E8%8C%B6.txt" })).to.equal("茶.txt");
  });

  it("formats sizes in the person's language", () => {
    expect(formatSize(12_345, "en")).to.equal("12.3 kB");
    expect(formatSize(3_400_000, "en")).to.equal("3.4 MB");
    expect(formatSize(999, "en")).to.equal("999 byte");
  });

  it("carries a recording's length (XEP-0446 length, milliseconds) both ways, and drops one that is no count", () => {
    const clip = { url: "https://x.org/u/voice.webm", name: "voice.webm", mime: "audio/webm", duration: 7250 };
    const stanza = buildChatMessage("bob@example.org", clip.url, "id2", { attachment: clip });
    expect(stanza.getChild("file", "urn:xmpp:file:metadata:0")?.getChildText("length")).to.equal("7250");
    stanza.attrs.from = "alice@example.org/web";
    expect(parseIncomingMessage(stanza, "bob@example.org")?.attachment).to.deep.equal(clip);
    for (const length of ["-5", "1.5", "12345678901", "soon", ""]) {
      const parsed = parseAttachment(message(oob("https://x.org/v.ogg"), metadata({ length })));
      expect(parsed, length).to.deep.equal({ url: "https://x.org/v.ogg" });
    }
  });

  it("plays recordings by type, else by file name", () => {
    expect(isAudio({ url: "https://x.org/a.bin", mime: "audio/ogg" })).to.equal(true);
    expect(isAudio({ url: "https://x.org/a.ogg", mime: "application/pdf" })).to.equal(false);
    expect(isAudio({ url: "https://x.org/v/voice.OPUS" })).to.equal(true);
    expect(isAudio({ url: "https://x.org/v/clip.webm" })).to.equal(false); // video or sound: a link until typed
    expect(formatDuration(7250)).to.equal("0:07");
    expect(formatDuration(62_000)).to.equal("1:02");
    expect(formatDuration(3_723_000)).to.equal("1:02:03");
  });
});
