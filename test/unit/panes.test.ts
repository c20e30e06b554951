import { expect, fixture, html, elementUpdated } from "@open-wc/testing";
import { LitElement } from "lit";
import { PeerStatus } from "../../src/ui/controllers/peer-status.js";
import { renderErrorBanner, renderNotice } from "../../src/ui/templates/banners.js";
import { renderLauncher } from "../../src/ui/templates/launcher.js";
import { XmppminiError } from "../../src/errors.js";
import { en } from "../../src/ui/i18n/en.js";
import { zhCN } from "../../src/ui/i18n/zh-cn.js";

class PeerStatusTestHost extends LitElement {
  readonly status = new PeerStatus(this);
  peer = "bob@x";
  strings = en;

  override render() {
    return html`<header>${this.status.renderPresence(this.strings, this.peer)}</header>
      <div>${this.status.renderTyping(this.strings, this.peer)}</div>`;
  }
}
customElements.define("peer-status-test-host", PeerStatusTestHost);

describe("peer status (header presence, typing)", () => {
  it("shows presence with its status text as text, typing until a message or a pause, and offline ends typing", async () => {
    const host = await fixture<PeerStatusTestHost>(html`<peer-status-test-host></peer-status-test-host>`);
    const root = host.shadowRoot!;
    expect(root.querySelector('[part="presence"]')).to.equal(null);
    host.status.learn("bob@x", { presence: { availability: "dnd", status: "<i>in a call</i>" } });
    await elementUpdated(host);
    const presence = root.querySelector('[part="presence"]')!;
    expect(presence.textContent!.replace(/\s+/g, " ").trim()).to.equal("Do not disturb · <i>in a call</i>");
    expect(presence.querySelector("i")).to.equal(null);
    expect(presence.getAttribute("data-availability")).to.equal("dnd");

    host.status.learn("bob@x", { chatState: "composing" });
    await elementUpdated(host);
    expect(root.querySelector('[part="typing"]')!.textContent).to.equal("bob is typing…");
    expect(root.querySelector('[part="typing"]')!.getAttribute("role")).to.equal("status");
    host.status.messageFrom("bob@x");
    await elementUpdated(host);
    expect(root.querySelector('[part="typing"]')).to.equal(null);

    host.status.learn("bob@x", { chatState: "composing" });
    host.status.learn("bob@x", { presence: { availability: "offline" } });
    await elementUpdated(host);
    expect(root.querySelector('[part="typing"]')).to.equal(null);
    expect(root.querySelector('[part="presence"]')!.textContent!.trim()).to.equal("Offline");
    // Someone else's typing is not this conversation's.
    host.status.learn("carol@x", { chatState: "composing" });
    await elementUpdated(host);
    expect(root.querySelector('[part="typing"]')).to.equal(null);
  });

  it("speaks Chinese, and is accessible (axe)", async () => {
    const host = await fixture<PeerStatusTestHost>(html`<peer-status-test-host></peer-status-test-host>`);
    host.strings = zhCN;
    host.status.learn("bob@x", { presence: { availability: "away", status: "午饭" } });
    host.status.learn("bob@x", { chatState: "composing" });
    host.requestUpdate();
    await elementUpdated(host);
    expect(host.shadowRoot!.querySelector('[part="typing"]')!.textContent).to.equal("bob 正在输入…");
    expect(host.shadowRoot!.querySelector('[part="presence"]')!.textContent).to.contain("离开");
    await expect(host).to.be.accessible();
  });
});

describe("banners and launcher", () => {
  it("an error banner is an alert with its action; a notice can be dismissed; both accessible", async () => {
    let dismissed = 0;
    const container = await fixture<HTMLDivElement>(html`<div>
      ${renderErrorBanner(en, new XmppminiError("connection-lost", "Gone <b>away</b>"), {
        status: "error",
        retryAt: Date.now() + 5000,
        retryNow: () => undefined,
        reconnect: () => undefined,
        dismiss: () => undefined,
      })}
      ${renderNotice(en, new XmppminiError("storage-unavailable", "No storage"), () => (dismissed += 1))}
    </div>`);
    const banner = container.querySelector('[part="error"]')!;
    expect(banner.getAttribute("role")).to.equal("alert");
    expect(banner.textContent).to.contain("Gone <b>away</b>").and.to.contain("Trying again in 5 s");
    expect(banner.querySelector("b")).to.equal(null);
    container.querySelector<HTMLButtonElement>('[part="notice"] button')!.click();
    expect(dismissed).to.equal(1);
    await expect(container).to.be.accessible();
  });

  it("the launcher says whether it opens or closes and how many are unread, and is accessible", async () => {
    // (The launcher controls the panel, by id.)
    const container = await fixture<HTMLDivElement>(
      html`<div><section id="panel" hidden></section>${renderLauncher(en, { open: false, unread: 3, toggle: () => undefined })}</div>`,
    );
    const launcher = container.querySelector('[part="launcher"]')!;
    expect(launcher.getAttribute("aria-label")).to.equal("Open chat, 3 unread");
    expect(container.querySelector('[part="launcher-badge"]')!.textContent!.trim()).to.equal("3");
    await expect(container).to.be.accessible();
  });
});
