import { expect, fixture, html, oneEvent, elementUpdated } from "@open-wc/testing";
import "../../src/xmppmini-chat.js";
import { defineXmppminiChat } from "../../src/define.js";
import { registerLanguage } from "../../src/ui/i18n/catalog.js";
import type { XmppminiChatElement } from "../../src/ui/xmppmini-chat-element.js";

function banner(element: XmppminiChatElement): HTMLElement | null {
  return element.shadowRoot!.querySelector('[part="error"]');
}

describe("<xmppmini-chat> without a server", () => {
  it("registers once and tolerates a second definition", () => {
    expect(customElements.get("xmppmini-chat")).to.exist;
    expect(() => defineXmppminiChat()).not.to.throw();
  });

  it("starts offline in embedded mode with an open shadow root, a labelled composer and no connection", async () => {
    const element = await fixture<XmppminiChatElement>(html`<xmppmini-chat></xmppmini-chat>`);
    expect(element.getAttribute("status")).to.equal("offline");
    expect(element.getAttribute("mode")).to.equal("embedded");
    const input = element.shadowRoot!.querySelector('textarea[part="input"]');
    expect(input).to.exist;
    expect(element.shadowRoot!.querySelector('label[for="input"]')).to.exist;
    expect(element.shadowRoot!.querySelector('[part="send"]')).to.have.attribute("disabled");
  });

  it("is accessible (axe)", async () => {
    const element = await fixture<XmppminiChatElement>(html`<xmppmini-chat></xmppmini-chat>`);
    await expect(element).to.be.accessible();
  });

  it("refuses an invalid JID with status error, an event and a banner", async () => {
    const element = document.createElement("xmppmini-chat");
    element.jid = "not valid@@example.org";
    element.password = "secret";
    element.service = "ws://127.0.0.1:9/xmpp-websocket";
    const errorEvent = oneEvent(element, "xmppmini-error");
    document.body.append(element);
    const { detail } = await errorEvent;
    expect(detail.code).to.equal("invalid-jid");
    await elementUpdated(element);
    expect(element.getAttribute("status")).to.equal("error");
    expect(banner(element)?.textContent).to.contain("not valid@@example.org");
    element.remove();
  });

  it("refuses a service that is neither WebSocket nor BOSH", async () => {
    const element = document.createElement("xmppmini-chat");
    Object.assign(element, { jid: "alice@example.org", password: "secret", service: "ftp://example.org/xmpp" });
    const errorEvent = oneEvent(element, "xmppmini-error");
    document.body.append(element);
    const { detail } = await errorEvent;
    expect(detail.code).to.equal("invalid-config");
    expect(detail.message).to.contain("ws://");
    element.remove();
  });

  it("without a service, looks the domain up and says what it tried when nothing answers", async () => {
    const element = document.createElement("xmppmini-chat");
    Object.assign(element, { jid: "alice@nowhere.invalid", password: "secret" });
    const errorEvent = oneEvent(element, "xmppmini-error");
    document.body.append(element);
    const { detail } = await errorEvent;
    expect(detail.code).to.equal("network-or-cors");
    expect(detail.message).to.contain("https://nowhere.invalid/xmppmini.txt");
    expect(element.status).to.equal("error");
    await elementUpdated(element);
    expect(element.getAttribute("status")).to.equal("error");
    element.remove();
  });

  it("shows a language the site registers, at once, and words it changes", async () => {
    const element = await fixture<XmppminiChatElement>(html`<xmppmini-chat lang="de"></xmppmini-chat>`);
    const status = () => element.shadowRoot!.querySelector(".status")!.textContent;
    const sendLabel = () => element.shadowRoot!.querySelector('[part="send"]')!.textContent!.trim();
    expect(status()).to.equal("You are offline");
    registerLanguage("de", {
      status: { offline: "Getrennt", connecting: "Verbinde…", online: "Online", error: "Fehler" },
    });
    registerLanguage("de", { send: "Senden" });
    await elementUpdated(element);
    expect(status()).to.equal("Getrennt");
    expect(sendLabel()).to.equal("Senden");
    element.remove();
    // Removed, it no longer listens.
    registerLanguage("de", { send: "Abschicken" });
    expect(element.isUpdatePending).to.equal(false);
  });

  it("speaks Simplified Chinese when its own or the page's language says zh-CN, and follows a change", async () => {
    const element = await fixture<XmppminiChatElement>(html`<xmppmini-chat lang="zh-CN"></xmppmini-chat>`);
    const status = () => element.shadowRoot!.querySelector(".status")!.textContent;
    const placeholder = () => element.shadowRoot!.querySelector("textarea")!.placeholder;
    expect(status()).to.equal("你已离线");
    expect(placeholder()).to.contain("Enter 发送");
    element.setAttribute("lang", "en");
    await elementUpdated(element);
    expect(status()).to.equal("You are offline");

    const wrapper = await fixture<HTMLElement>(html`<div lang="zh-Hans"><xmppmini-chat></xmppmini-chat></div>`);
    const inner = wrapper.querySelector("xmppmini-chat") as XmppminiChatElement;
    await elementUpdated(inner);
    expect(inner.shadowRoot!.querySelector(".status")!.textContent).to.equal("你已离线");
    await expect(inner).to.be.accessible();
  });

  it("explains an error in Chinese and keeps the detail", async () => {
    const element = document.createElement("xmppmini-chat");
    element.setAttribute("lang", "zh-CN");
    Object.assign(element, { jid: "alice@example.org", password: "secret", service: "ftp://example.org/xmpp" });
    const errorEvent = oneEvent(element, "xmppmini-error");
    document.body.append(element);
    const { detail } = await errorEvent;
    await elementUpdated(element);
    expect(banner(element)!.textContent).to.contain("聊天组件的设置有误");
    expect(banner(element)!.textContent).to.contain(detail.message);
    element.remove();
  });

  it("refuses a retention that is not a positive number of days", async () => {
    const element = document.createElement("xmppmini-chat");
    element.setAttribute("retention", "a week");
    Object.assign(element, { jid: "alice@example.org", password: "secret", service: "wss://example.org/xmpp" });
    const errorEvent = oneEvent(element, "xmppmini-error");
    document.body.append(element);
    const { detail } = await errorEvent;
    expect(detail.code).to.equal("invalid-config");
    expect(detail.message).to.contain("retention");
    element.remove();
  });

  it("says which display attribute it does not understand, and goes on with the default", async () => {
    const element = document.createElement("xmppmini-chat");
    element.setAttribute("position", "top-middle");
    element.setAttribute("notify", "title beep");
    const errors: Array<{ code: string; message: string }> = [];
    element.addEventListener("xmppmini-error", (event) => errors.push(event.detail));
    document.body.append(element);
    await elementUpdated(element);
    expect(errors.map((error) => error.code)).to.deep.equal(["invalid-config", "invalid-config"]);
    expect(errors[0]!.message).to.contain('position="top-middle"').and.to.contain('"bottom-left"');
    expect(errors[1]!.message).to.contain('"beep"').and.not.to.contain('"title")');
    expect(banner(element)?.textContent).to.contain("not understood");
    expect(element.getAttribute("status")).to.equal("offline");
    element.remove();
  });

  it("shows error text as text even when it holds markup", async () => {
    const element = document.createElement("xmppmini-chat");
    Object.assign(element, { jid: "<img src=x onerror=alert(1)>@example.org", password: "x" });
    const errorEvent = oneEvent(element, "xmppmini-error");
    document.body.append(element);
    await errorEvent;
    await elementUpdated(element);
    expect(banner(element)!.querySelector("img")).to.equal(null);
    expect(banner(element)!.textContent).to.contain("<img src=x onerror=alert(1)>");
    element.remove();
  });

  it("does not connect without a password", async () => {
    const element = await fixture<XmppminiChatElement>(
      html`<xmppmini-chat jid="alice@example.org" service="ws://127.0.0.1:9/ws"></xmppmini-chat>`,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(element.getAttribute("status")).to.equal("offline");
  });

  it("keeps the composer's text when sending fails while offline", async () => {
    const element = await fixture<XmppminiChatElement>(html`<xmppmini-chat></xmppmini-chat>`);
    element.openConversation("bob@example.org");
    await elementUpdated(element);
    const input = element.shadowRoot!.querySelector<HTMLTextAreaElement>('[part="input"]')!;
    input.value = "hello";
    const errorEvent = oneEvent(element, "xmppmini-error");
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, composed: true }));
    const { detail } = await errorEvent;
    expect(detail.code).to.equal("not-connected");
    expect(input.value).to.equal("hello");
  });

  it("does not send on Enter while an IME composition is open", async () => {
    const element = await fixture<XmppminiChatElement>(html`<xmppmini-chat></xmppmini-chat>`);
    element.openConversation("bob@example.org");
    await elementUpdated(element);
    const input = element.shadowRoot!.querySelector<HTMLTextAreaElement>('[part="input"]')!;
    input.value = "ni hao";
    let errors = 0;
    element.addEventListener("xmppmini-error", () => (errors += 1));
    const composing = new KeyboardEvent("keydown", {
      key: "Enter",
      isComposing: true,
      bubbles: true,
      cancelable: true,
    });
    input.dispatchEvent(composing);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(errors).to.equal(0);
    expect(composing.defaultPrevented).to.equal(false);
  });

  it("openConversation() throws a typed error for a bad address", async () => {
    const element = await fixture<XmppminiChatElement>(html`<xmppmini-chat></xmppmini-chat>`);
    expect(() => element.openConversation("a b@c"))
      .to.throw()
      .with.property("code", "invalid-jid");
  });
});

describe("<xmppmini-chat mode=overlay>", () => {
  const launcher = (element: XmppminiChatElement) =>
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part="launcher"]')!;
  const panel = (element: XmppminiChatElement) => element.shadowRoot!.querySelector<HTMLElement>("#panel")!;

  it("opens and closes its panel from the launcher and with Escape, moving focus, and stays accessible", async () => {
    const element = await fixture<XmppminiChatElement>(html`<xmppmini-chat mode="overlay"></xmppmini-chat>`);
    expect(launcher(element).getAttribute("aria-expanded")).to.equal("false");
    expect(launcher(element).getAttribute("aria-controls")).to.equal("panel");
    expect(panel(element).hidden).to.equal(true);
    await expect(element).to.be.accessible();

    launcher(element).click();
    await elementUpdated(element);
    await element.updateComplete;
    expect(element.hasAttribute("open")).to.equal(true);
    expect(panel(element).hidden).to.equal(false);
    expect(launcher(element).getAttribute("aria-expanded")).to.equal("true");
    expect(element.shadowRoot!.activeElement?.tagName).to.equal("TEXTAREA");
    await expect(element).to.be.accessible();

    element
      .shadowRoot!.querySelector("textarea")!
      .dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true, composed: true }));
    await elementUpdated(element);
    await element.updateComplete;
    expect(element.hasAttribute("open")).to.equal(false);
    expect(panel(element).hidden).to.equal(true);
    expect(element.shadowRoot!.activeElement).to.equal(launcher(element));
  });

  it("keeps the panel's open state per account for the site's next page", async () => {
    const jid = `alice-${Math.random().toString(36).slice(2)}@example.org`;
    const first = await fixture<XmppminiChatElement>(html`<xmppmini-chat mode="overlay" .jid=${jid}></xmppmini-chat>`);
    first.toggle(true);
    first.remove();
    const next = document.createElement("xmppmini-chat");
    next.setAttribute("mode", "overlay");
    Object.assign(next, { jid, password: "secret", service: "ws://127.0.0.1:9/xmpp-websocket" });
    document.body.append(next);
    await oneEvent(next, "xmppmini-status");
    await elementUpdated(next);
    expect(next.open).to.equal(true);
    next.remove();
  });

  it("embedded mode draws no launcher", async () => {
    const element = await fixture<XmppminiChatElement>(html`<xmppmini-chat></xmppmini-chat>`);
    expect(element.shadowRoot!.querySelector('[part="launcher"]')).to.equal(null);
  });
});
