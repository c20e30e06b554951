import type { PropertyValues } from "lit";
import type { Conversations } from "../../session/conversations.js";
import type { XmppminiChatElement } from "../xmppmini-chat-element.js";
import type { Attention } from "./attention.js";
import type { MessagePager } from "./message-pager.js";
import type { Problems } from "./problems.js";
import type { SessionController } from "./session-controller.js";
import { saveUiState, type UiState } from "./ui-state.js";

/** What the panel shows: the conversation, or the host's contact page, or the host's upload page. */
export type PanelView = "chat" | "contacts" | "upload";

/**
 * What the panel shows and whether it is open (overlay mode), kept per account across the site's pages:
 * the conversation left open on the last page comes back, and so does the panel, open or closed.
 */
export class PanelState {
  #view: PanelView = "chat";
  /** The conversation shown when the site's last page was left, reopened once online. */
  #rememberedPeer: string | undefined;

  readonly #host: XmppminiChatElement;
  readonly #conversations: Conversations;
  readonly #session: SessionController;
  readonly #pager: MessagePager;
  readonly #attention: Attention;
  readonly #problems: Problems;

  constructor(
    host: XmppminiChatElement,
    conversations: Conversations,
    session: SessionController,
    pager: MessagePager,
    attention: Attention,
    problems: Problems,
  ) {
    this.#host = host;
    this.#conversations = conversations;
    this.#session = session;
    this.#pager = pager;
    this.#attention = attention;
    this.#problems = problems;
  }

  get view(): PanelView {
    return this.#view;
  }

  set view(view: PanelView) {
    this.#view = view;
    this.#host.requestUpdate();
  }

  /** Keeps `change` for the account signed in as, else the one named (see ui-state.ts). */
  remember(change: UiState): void {
    const account = this.#session.account || this.#host.jid;
    if (account) saveUiState(account, change);
  }

  /** Signed in: the panel as the site's last page left it. */
  restore(kept: UiState): void {
    if (this.#host.mode === "overlay" && kept.open !== undefined) this.#host.open = kept.open;
    this.#rememberedPeer = kept.peer;
  }

  /** See the element's `toggle`. */
  toggle(force?: boolean): void {
    const host = this.#host;
    host.open = force ?? !host.open;
    this.remember({ open: host.open });
    if (host.open) this.#attention.markSeen();
    void host.updateComplete.then(() => {
      const target = host.open ? "textarea" : '[part="launcher"]';
      host.renderRoot.querySelector<HTMLElement>(target)?.focus();
    });
  }

  /** See the element's `openConversation`. */
  openConversation(jid: string): void {
    const chat = this.#session.chat;
    const peer = chat.conversationOf(jid);
    if (peer !== this.#conversations.active?.peer) this.#pager.followNewest();
    this.#conversations.open(peer);
    this.remember({ peer });
    this.#host.requestUpdate();
    void chat.prepareAddress(peer);
    this.#attention.markSeen();
  }

  /** See the element's `openChat`. */
  openChat(jid?: string): boolean {
    if (jid !== undefined) {
      try {
        this.openConversation(jid);
        this.#session.chat.acquaint(jid);
      } catch (error) {
        this.#problems.fail(error, "invalid-jid", `"${jid}" is not a valid address.`);
        return false;
      }
      this.view = "chat";
    }
    if (this.#host.mode === "overlay") this.toggle(true);
    return true;
  }

  /**
   * Online: the conversation the page names, else the one left open on the site's last page. Opened when the
   * sign-in started already, it is not opened again: a conversation the person chose since (before this
   * moment, or before a cut) stays in front.
   */
  online(): void {
    if (this.#host.peer) this.#openPeerAttribute(!this.#conversations.active);
    else if (this.#rememberedPeer && !this.#conversations.active) this.#openRemembered(this.#rememberedPeer);
  }

  /**
   * Signing in: the conversation the page names (or the one left open) opens now, usable at once (what is
   * sent waits in the outbox), its stored history showing as soon as it is read; not once the connection is
   * up. (A `peer` that is no address is said when online.)
   */
  signingIn(): void {
    const shown = this.#host.peer || this.#rememberedPeer;
    if (shown && !this.#conversations.active) this.#openRemembered(shown);
  }

  /** This sign-in's stored history is shown: in the open conversation, on screen, it is read. */
  storedHistoryShown(): void {
    this.signingIn();
    this.#attention.markSeen();
  }

  /** Before each update: a new `peer` opens at once when online. */
  check(changed: PropertyValues<XmppminiChatElement>): void {
    if (changed.has("peer") && this.#host.peer && this.#host.status === "online") this.#openPeerAttribute();
  }

  #openRemembered(peer: string): void {
    try {
      this.openConversation(peer);
    } catch {
      // A stored value that is no address any more: nothing to reopen.
    }
  }

  /** The site vouches for its `peer` (see acquaint); `open` shows its conversation as well. */
  #openPeerAttribute(open = true): void {
    const peer = this.#host.peer;
    try {
      if (open) this.openConversation(peer);
      this.#session.chat.acquaint(peer);
    } catch (error) {
      this.#problems.fail(error, "invalid-jid", `The peer "${peer}" is not a valid address.`);
    }
  }

  /** Escape closes the overlay panel; the page's own Escape handlers do not see the key as well. */
  readonly keydown = (event: KeyboardEvent): void => {
    if (event.key === "Escape" && this.#host.mode === "overlay" && this.#host.open) {
      event.stopPropagation();
      this.toggle(false);
    }
  };
}
