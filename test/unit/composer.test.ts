import { expect, fixture, html, elementUpdated, aTimeout } from "@open-wc/testing";
import { LitElement } from "lit";
import { XmppminiError } from "../../src/errors.js";
import { Composer, type ComposerContext } from "../../src/ui/controllers/composer.js";
import { en } from "../../src/ui/i18n/en.js";
import type { ChatState } from "../../src/xmpp/chat-states.js";

interface Calls {
  states: Array<[string, ChatState]>;
  sent: Array<[string, string, string | undefined]>;
  drafts: Map<string, string>;
}

let calls: Calls;
/** What `send` does instead of resolving at once (a store still writing, a refusal). */
let sending: ((who: string, text: string) => Promise<void>) | undefined;
let failures: unknown[];
let last: { id: string; body: string } | undefined;
let peer: string | undefined;

class ComposerTestHost extends LitElement {
  readonly composer = new Composer(this, {
    activePeer: () => peer,
    lastOwn: () => last,
    draft: (who) => calls.drafts.get(who) ?? "",
    saveDraft: (who, text) => void calls.drafts.set(who, text),
    chatState: (who, state) => void calls.states.push([who, state]),
    send: async (who, text, replaces) => {
      calls.sent.push([who, text, replaces]);
      await sending?.(who, text);
    },
    failed: (error) => void failures.push(error),
    pauseAfterMs: 50,
  } satisfies ComposerContext);

  override render() {
    return this.composer.render(en, true);
  }
}
customElements.define("composer-test-host", ComposerTestHost);

function type(input: HTMLTextAreaElement, text: string): void {
  input.value = text;
  input.dispatchEvent(new InputEvent("input"));
}

function key(input: HTMLTextAreaElement, name: string): void {
  input.dispatchEvent(new KeyboardEvent("keydown", { key: name, bubbles: true, cancelable: true }));
}

describe("Composer", () => {
  let host: ComposerTestHost;
  let input: HTMLTextAreaElement;

  beforeEach(async () => {
    calls = { states: [], sent: [], drafts: new Map([["carol@x", "carol's draft"]]) };
    sending = undefined;
    failures = [];
    last = { id: "m9", body: "helo" };
    peer = "bob@x";
    host = await fixture<ComposerTestHost>(html`<composer-test-host></composer-test-host>`);
    input = host.shadowRoot!.querySelector("textarea")!;
  });

  it("tells the peer once that we type, that we paused, and that we stopped when the text is cleared", async () => {
    type(input, "h");
    type(input, "he");
    expect(calls.states).to.deep.equal([["bob@x", "composing"]]);
    await aTimeout(120);
    expect(calls.states).to.deep.equal([
      ["bob@x", "composing"],
      ["bob@x", "paused"],
    ]);
    type(input, "hey");
    type(input, "");
    expect(calls.states.slice(2)).to.deep.equal([
      ["bob@x", "composing"],
      ["bob@x", "active"],
    ]);
    expect(calls.drafts.get("bob@x")).to.equal("");
  });

  it("sends on Enter without a separate 'active' (the message says it), and keeps no draft", async () => {
    type(input, "hello");
    key(input, "Enter");
    await aTimeout(0);
    expect(calls.sent).to.deep.equal([["bob@x", "hello", undefined]]);
    expect(input.value).to.equal("");
    expect(calls.states).to.deep.equal([["bob@x", "composing"]]);
    await aTimeout(120);
    expect(calls.states).to.have.length(1);
  });

  it("takes the stored draft once the drafts are read, unless the person has typed meanwhile", async () => {
    expect(input.value).to.equal("");
    calls.drafts.set("bob@x", "kept from before");
    host.composer.draftsRead();
    expect(input.value).to.equal("kept from before");
    type(input, "typed now");
    calls.drafts.set("bob@x", "older");
    host.composer.draftsRead();
    expect(input.value).to.equal("typed now");
  });

  it("clears in the same task as the Enter, before the message is kept", async () => {
    let keep!: () => void;
    sending = () => new Promise((resolve) => (keep = resolve));
    type(input, "hello");
    key(input, "Enter");
    expect(input.value).to.equal("");
    expect(calls.drafts.get("bob@x")).to.equal("");
    type(input, "next");
    keep();
    await aTimeout(0);
    expect(input.value).to.equal("next");
    expect(failures).to.deep.equal([]);
  });

  it("gives the text back when the message was refused, and not when it was taken but the store failed", async () => {
    sending = async () => {
      throw new XmppminiError("not-connected", "Not signed in.");
    };
    type(input, "hello");
    key(input, "Enter");
    await aTimeout(0);
    expect(input.value).to.equal("hello");
    expect(calls.drafts.get("bob@x")).to.equal("hello");
    expect(failures).to.have.length(1);

    sending = async () => {
      throw new XmppminiError("storage-unavailable", "The store refused the write.");
    };
    type(input, "kept anyway");
    key(input, "Enter");
    await aTimeout(0);
    // Shown and queued already: its text coming back would send it twice.
    expect(input.value).to.equal("");
    expect(calls.drafts.get("bob@x")).to.equal("");
    expect(failures).to.have.length(2);
  });

  it("↑ in an empty composer corrects the last message: Enter sends a correction, Escape gives the draft back", async () => {
    type(input, "");
    key(input, "ArrowUp");
    await elementUpdated(host);
    expect(input.value).to.equal("helo");
    expect(host.shadowRoot!.querySelector('[part="editing"]')).to.exist;
    type(input, "hello");
    key(input, "Enter");
    await aTimeout(0);
    expect(calls.sent).to.deep.equal([["bob@x", "hello", "m9"]]);
    await elementUpdated(host);
    expect(host.shadowRoot!.querySelector('[part="editing"]')).to.equal(null);

    type(input, "a draft");
    input.value = "";
    key(input, "ArrowUp");
    expect(input.value).to.equal("helo");
    const escape = new KeyboardEvent("keydown", { key: "Escape", bubbles: true, composed: true, cancelable: true });
    let escaped = false;
    host.addEventListener("keydown", () => (escaped = true));
    input.dispatchEvent(escape);
    // Escape ends the correction and goes no further (an overlay panel stays open).
    expect(escaped).to.equal(false);
    expect(input.value).to.equal("");
    // The correction never became the draft.
    expect(calls.drafts.get("bob@x")).to.equal("a draft");
  });

  it("an unchanged correction sends nothing; ↑ with text in the composer is a caret move", async () => {
    key(input, "ArrowUp");
    key(input, "Enter");
    await aTimeout(0);
    expect(calls.sent).to.deep.equal([]);
    type(input, "typing");
    key(input, "ArrowUp");
    expect(input.value).to.equal("typing");
  });

  it("switching conversations swaps drafts, and the one left hears that we paused", async () => {
    type(input, "half a thought");
    peer = "carol@x";
    host.requestUpdate();
    await elementUpdated(host);
    expect(input.value).to.equal("carol's draft");
    expect(calls.drafts.get("bob@x")).to.equal("half a thought");
    expect(calls.states).to.deep.equal([
      ["bob@x", "composing"],
      ["bob@x", "paused"],
    ]);
  });

  it("is accessible (axe), also while correcting", async () => {
    await expect(host).to.be.accessible();
    key(input, "ArrowUp");
    await elementUpdated(host);
    await expect(host).to.be.accessible();
  });
});
