import { expect, fixture, html, elementUpdated, waitUntil } from "@open-wc/testing";
import { render, type ReactiveController } from "lit";
import "../../src/xmppmini-chat.js";
import type { XmppminiChatElement } from "../../src/ui/xmppmini-chat-element.js";
import { MessageLinks } from "../../src/ui/controllers/message-links.js";
import { stringsFor } from "../../src/ui/i18n/catalog.js";
import type { XmppUri } from "../../src/links/xmpp-uri.js";

/** A link as render.ts draws one in a message's body. */
function link(parent: Node, href: string): HTMLAnchorElement {
  const anchor = document.createElement("a");
  anchor.href = href;
  anchor.textContent = href;
  parent.appendChild(anchor);
  return anchor;
}

describe("xmpp: links in messages", () => {
  function setup() {
    const root = document.createElement("div");
    const prompt = document.createElement("div");
    document.body.append(root, prompt);
    const followed: XmppUri[] = [];
    const failures: unknown[] = [];
    let links: MessageLinks | undefined;
    const host = {
      renderRoot: root,
      addController: (_controller: ReactiveController) => undefined,
      removeController: () => undefined,
      requestUpdate: () => render(links!.render(stringsFor("en")), prompt),
      updateComplete: Promise.resolve(true),
    };
    links = new MessageLinks(host, {
      follow: (target) => followed.push(target),
      failed: (error) => failures.push(error),
    });
    links.hostConnected();
    const teardown = () => {
      root.remove();
      prompt.remove();
    };
    return { root, prompt, followed, failures, teardown };
  }

  it("?join asks first, and joins only on Join", async () => {
    const { root, prompt, followed, teardown } = setup();
    let reachedPage: boolean | undefined;
    const onDocument = (event: Event) => {
      reachedPage = event.defaultPrevented;
      event.preventDefault(); // never launch a protocol handler from a test
    };
    document.addEventListener("click", onDocument);
    link(root, "xmpp:lobby@conference.evil.example?join").click();
    document.removeEventListener("click", onDocument);
    // The browser (and intercept-links on the host page) do not act on it: it was handled.
    expect(reachedPage).to.equal(true);
    expect(followed).to.deep.equal([]);
    expect(prompt.querySelector('[part="join-prompt"]')?.textContent).to.contain(
      "join the room lobby@conference.evil.example",
    );

    prompt.querySelector<HTMLButtonElement>('[part="join-cancel"]')!.click();
    expect(followed).to.deep.equal([]);
    expect(prompt.querySelector('[part="join-prompt"]')).to.equal(null);

    link(root, "xmpp:lobby@conference.evil.example?join;password=hunter2").click();
    prompt.querySelector<HTMLButtonElement>('[part="join-confirm"]')!.click();
    expect(followed).to.have.length(1);
    expect(followed[0]).to.include({ jid: "lobby@conference.evil.example", action: "join" });
    expect(followed[0]!.params.get("password")).to.equal("hunter2");
    expect(prompt.querySelector('[part="join-prompt"]')).to.equal(null);
    teardown();
  });

  it("a chat link opens the conversation without asking; a broken one is reported", () => {
    const { root, prompt, followed, failures, teardown } = setup();
    link(root, "xmpp:bob@example.org?message;body=hi").click();
    expect(followed.map((target) => target.jid)).to.deep.equal(["bob@example.org"]);
    expect(prompt.querySelector('[part="join-prompt"]')).to.equal(null);
    link(root, "xmpp:not%20an%20address@").click();
    expect(failures).to.have.length(1);
    teardown();
  });

  it("in the widget: a link in its shadow root asks, Cancel does nothing, Join tries to join", async () => {
    const element = await fixture<XmppminiChatElement>(html`<xmppmini-chat></xmppmini-chat>`);
    const shadow = element.shadowRoot!;
    link(shadow.querySelector('[part="base"]')!, "xmpp:lobby@conference.evil.example?join").click();
    await elementUpdated(element);
    expect(shadow.querySelector('[part="join-prompt"]')?.textContent).to.contain("lobby@conference.evil.example");
    shadow.querySelector<HTMLButtonElement>('[part="join-cancel"]')!.click();
    await elementUpdated(element);
    expect(shadow.querySelector('[part="join-prompt"]')).to.equal(null);
    expect(shadow.querySelector('[part="error"]')).to.equal(null);

    link(shadow.querySelector('[part="base"]')!, "xmpp:lobby@conference.evil.example?join").click();
    await elementUpdated(element);
    expect(shadow.querySelector("header .name")?.textContent).not.to.equal("lobby@conference.evil.example");
    shadow.querySelector<HTMLButtonElement>('[part="join-confirm"]')!.click();
    // The room is joined (once a connection is there) and shown.
    await waitUntil(
      () => shadow.querySelector("header .name")?.textContent === "lobby@conference.evil.example",
      "the room was not opened",
    );
    expect(shadow.querySelector('[part="join-prompt"]')).to.equal(null);
  });
});
