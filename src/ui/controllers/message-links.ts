import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from "lit";
import { listenForChatLinks } from "../../links/chat-links.js";
import type { XmppUri } from "../../links/xmpp-uri.js";
import type { Strings } from "../i18n/catalog.js";

export interface MessageLinksContext {
  /** Does what a link asks, as a link from the host would (the widget's own handling). */
  follow(target: XmppUri): void;
  /** A link named no valid address. */
  failed(error: unknown): void;
}

type Host = ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment };

/**
 * `xmpp:` links inside the widget: what peers wrote (a message's body, a room's subject), so a stranger's
 * words. They are followed here, not by the browser and not by `intercept-links` (whose listener skips a
 * click handled already). Opening a conversation is harmless (a link's body only waits in the composer),
 * but `?join` would walk the person into a room of the sender's choosing, under their own name: it asks
 * first. Links from the host (its page with intercept-links, its roster and upload pages) still join at
 * once: the host chose them, as it chose the widget.
 */
export class MessageLinks implements ReactiveController {
  /** The room a clicked link asks to join, until the person answers. */
  #asking: XmppUri | undefined;
  #listening = false;

  constructor(
    private readonly host: Host,
    private readonly context: MessageLinksContext,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Once: the listener is on the widget's own shadow root, which goes when the widget goes.
    this.#listening ||= Boolean(
      listenForChatLinks(this.host.renderRoot, {
        follow: (target) => {
          if (target.action !== "join") return this.context.follow(target);
          this.#asking = target;
          this.host.requestUpdate();
        },
        failed: (error) => this.context.failed(error),
      }),
    );
  }

  #answer(join: boolean): void {
    const target = this.#asking;
    this.#asking = undefined;
    this.host.requestUpdate();
    if (join && target) this.context.follow(target);
  }

  /** "Join room X?", while a link asks. */
  render(strings: Strings): TemplateResult | typeof nothing {
    const target = this.#asking;
    if (!target) return nothing;
    return html`<div part="join-prompt" class="notice" role="alert">
      <p>${strings.joinRoomAsk(target.jid)}</p>
      <button part="join-confirm" @click=${() => this.#answer(true)}>${strings.join}</button>
      <button part="join-cancel" @click=${() => this.#answer(false)}>${strings.cancel}</button>
    </div>`;
  }
}
