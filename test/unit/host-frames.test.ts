import { expect, oneEvent, elementUpdated } from "@open-wc/testing";
import "../../src/xmppmini-chat.js";
import type { XmppminiChatElement } from "../../src/ui/xmppmini-chat-element.js";
import { frameUrl } from "../../src/links/frame-url.js";
import type { HostFrame, HostFrameOptions } from "../../src/links/host-frame.js";
import type { XmppUri } from "../../src/links/xmpp-uri.js";
import { SharingParts } from "../../src/ui/controllers/sharing-parts.js";
import type { FileSharingContext } from "../../src/ui/controllers/file-sharing.js";
import { XmppminiError } from "../../src/errors.js";

const HOSTILE = [
  "javascript:parent.document.title='framed'",
  "data:text/html,<p>hi</p>",
  "blob:https://shop.example/0",
  "about:blank",
  "http://[nope",
];

describe("frame URLs", () => {
  it("takes http(s) pages, relative ones resolved against the page", () => {
    expect(frameUrl("/frames/roster.html", "roster-url", "https://shop.example/a/").href).to.equal(
      "https://shop.example/frames/roster.html",
    );
    expect(frameUrl("http://other.example/upload", "upload-url").href).to.equal("http://other.example/upload");
  });

  for (const url of HOSTILE) {
    it(`refuses ${url}`, () => {
      expect(() => frameUrl(url, "roster-url", "https://shop.example/"))
        .to.throw(XmppminiError, `roster-url "`)
        .with.property("code", "invalid-config");
    });
  }

  it("a roster-url that is no http(s) page is reported and never framed", async () => {
    const element = document.createElement("xmppmini-chat") as XmppminiChatElement;
    element.rosterUrl = "javascript:parent.document.title='framed'";
    const errorEvent = oneEvent(element, "xmppmini-error");
    document.body.append(element);
    const { detail } = await errorEvent;
    expect(detail.code).to.equal("invalid-config");
    expect(detail.message).to.contain("roster-url");
    await elementUpdated(element);
    expect(element.shadowRoot!.querySelector("iframe")).to.equal(null);
    expect(element.shadowRoot!.querySelector('[part="error"]')?.textContent).to.contain(
      "must be an http:// or https:// URL",
    );
    expect(element.shadowRoot!.querySelector('[part="roster-error"]')?.textContent).to.contain("roster-url");

    // A good URL later frames the page; the refused one is not said again meanwhile.
    element.rosterUrl = "/frames/none.html";
    await elementUpdated(element);
    expect(element.shadowRoot!.querySelector('iframe[part="roster"]')).to.exist;
    element.remove();
  });
});

describe("the host's upload page", () => {
  function parts(uploadUrl: string) {
    const failed: XmppminiError[] = [];
    const sent: Array<{ peer: string; body: string; url: string | undefined }> = [];
    const shown: boolean[] = [];
    let frame: HostFrameOptions | undefined;
    const context: FileSharingContext = {
      activePeer: () => "bob@example.org",
      account: () => "alice@example.org",
      uploadUrl: () => uploadUrl,
      canUpload: () => false,
      signedIn: () => true,
      slot: () => Promise.reject(new Error("no slots here")),
      send: async (peer, body, attachment) => sent.push({ peer, body, url: attachment?.url }),
      follow: () => undefined,
      showPage: (value) => shown.push(value),
      failed: (error) => failed.push(error as XmppminiError),
    };
    const host = {
      addController: () => undefined,
      removeController: () => undefined,
      requestUpdate: () => undefined,
      updateComplete: Promise.resolve(true),
      renderRoot: document.createElement("div"),
    };
    const sharing = new SharingParts(host, context, (options) => {
      frame = options;
      return {} as HostFrame;
    });
    const link = (jid: string, body: string): XmppUri => ({
      jid,
      action: "message",
      params: new Map([["body", body]]),
    });
    return { sharing, failed, sent, shown, follow: (target: XmppUri) => frame!.follow(target), link };
  }

  for (const url of HOSTILE) {
    it(`is not opened from ${url}`, () => {
      const { sharing, failed, shown } = parts(url);
      sharing.openPage();
      expect(shown).to.deep.equal([]);
      expect(sharing.pagePeer).to.equal(undefined);
      expect(failed.map((error) => error.code)).to.deep.equal(["invalid-config"]);
      expect(failed[0]!.message).to.contain("upload-url");
    });
  }

  it("sends only to the peer it was opened for", async () => {
    const { sharing, failed, sent, follow, link } = parts("/frames/upload.html");
    sharing.openPage();
    expect(sharing.pagePeer).to.equal("bob@example.org");
    follow(link("mallory@evil.example", "https://files.example/cat.png"));
    await Promise.resolve();
    expect(sent).to.deep.equal([]);
    expect(failed.map((error) => error.code)).to.deep.equal(["upload-failed"]);
    expect(failed[0]!.message).to.equal(
      "The upload page asked to send the file to mallory@evil.example, but it was opened for bob@example.org; nothing was sent.",
    );
    // The page is done either way: closed.
    expect(sharing.pagePeer).to.equal(undefined);
  });

  it("sends only an http(s) URL as the file", async () => {
    const { sharing, failed, sent, follow, link } = parts("/frames/upload.html");
    sharing.openPage();
    follow(link("bob@example.org", "javascript:alert(1)"));
    sharing.openPage();
    follow(link("bob@example.org", "see you at noon"));
    sharing.openPage();
    await Promise.resolve();
    expect(sent).to.deep.equal([]);
    expect(failed.map((error) => error.code)).to.deep.equal(["invalid-message", "invalid-message"]);

    follow(link("bob@example.org", "https://files.example/cat.png"));
    await Promise.resolve();
    expect(sent).to.deep.equal([
      { peer: "bob@example.org", body: "https://files.example/cat.png", url: "https://files.example/cat.png" },
    ]);
    expect(sharing.pagePeer).to.equal(undefined);
  });
});
