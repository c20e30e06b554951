import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from "lit";
import { orderOf, type Conversation } from "../../session/conversations.js";
import type { Strings } from "../i18n/catalog.js";
import { MessageScroller } from "./message-scroller.js";
import { MessageWindow, type WindowSlice } from "./message-window.js";

/** Within this distance of an edge, the window slides (or older messages load) before the person gets there. */
const EDGE_PX = 400;

export interface PagerContext {
  active(): Conversation | undefined;
  /** Shows older messages of `peer` than `oldest` (store, else archive); resolves with how many (0: none left). */
  loadOlder(peer: string, oldest?: { order: number; timestamp: number; archiveId?: string }): Promise<number>;
  /** Whether the store or the archive may hold older messages of `peer` than those shown (the session knows). */
  olderMayExist(peer: string): boolean;
  failed(error: unknown): void;
}

/**
 * Moving through a conversation's history: which messages are rendered (a window that slides as the
 * person scrolls, see MessageWindow), loading older pages at the top, and keeping the place meanwhile.
 */
export class MessagePager implements ReactiveController {
  readonly #window = new MessageWindow();
  readonly #scroller: MessageScroller;
  /** Per conversation: older messages being fetched, or none left to fetch. */
  readonly #older = new Map<string, "loading" | "done">();
  /** A slide is waiting for its update: further scroll events in the same frame do not slide again. */
  #sliding = false;

  constructor(
    private readonly host: ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment },
    private readonly context: PagerContext,
  ) {
    host.addController(this);
    this.#scroller = new MessageScroller(host);
  }

  hostUpdated(): void {
    this.#sliding = false;
  }

  /** Show the newest messages and stay with them (another conversation opened, or we sent one). */
  followNewest(): void {
    this.#window.follow();
    this.#scroller.followNewest();
  }

  slice(conversation: Conversation): WindowSlice {
    return this.#window.slice(conversation);
  }

  /** The person scrolled: near the top the window slides up (or older messages load), near the bottom down. */
  scrolled(list: HTMLElement): void {
    const conversation = this.context.active();
    if (!conversation) return;
    this.#scroller.scrolled(list, this.#window.showsNewest(conversation));
    if (this.#sliding) return;
    const fromBottom = list.scrollHeight - list.scrollTop - list.clientHeight;
    if (list.scrollTop < EDGE_PX) {
      // At the very top with nothing more loaded: fetch older ones.
      if (!this.#slide(() => this.#window.up(conversation)) && list.scrollTop === 0) void this.loadOlder();
    } else if (fromBottom < EDGE_PX) {
      this.#slide(() => this.#window.down(conversation));
    }
  }

  #slide(move: () => boolean): boolean {
    // The place is taken before the window moves: the DOM still shows the old window until the update.
    this.#scroller.holdPlace();
    if (!move()) return false;
    this.#sliding = true;
    this.host.requestUpdate();
    return true;
  }

  /** Shows the messages before the first rendered: those loaded already, else a page from this browser or the archive. */
  async loadOlder(): Promise<void> {
    const conversation = this.context.active();
    if (!conversation || this.#older.has(conversation.peer)) return;
    if (this.#slide(() => this.#window.up(conversation))) return;
    const { peer } = conversation;
    if (!this.context.olderMayExist(peer)) return;
    this.#older.set(peer, "loading");
    this.host.requestUpdate();
    const oldest = conversation.messages[0];
    // The archive pages back from an id it knows: the oldest shown message that has one.
    const archiveId = conversation.messages.find((message) => message.archiveId !== undefined)?.archiveId;
    try {
      const count = await this.context.loadOlder(
        peer,
        oldest && { order: orderOf(oldest), timestamp: oldest.timestamp, ...(archiveId && { archiveId }) },
      );
      if (count === 0) this.#older.set(peer, "done");
      else this.#older.delete(peer);
    } catch (error) {
      this.#older.delete(peer);
      this.context.failed(error);
    }
    // The page went in above the window: bring it into view where the person is reading (if the person is
    // still in that conversation: the window belongs to the one shown).
    if (this.context.active() === conversation) this.#slide(() => this.#window.up(conversation));
    this.host.requestUpdate();
  }

  /** Whether the conversation's first message is rendered, with nothing older to fetch. */
  atStart(conversation: Conversation | undefined, slice: WindowSlice | undefined): boolean {
    if (!conversation || slice?.moreAbove) return false;
    return this.#older.get(conversation.peer) === "done" || !this.context.olderMayExist(conversation.peer);
  }

  /** Above the messages: a button for older ones while there may be some, else the start of the conversation. */
  renderAbove(
    strings: Strings,
    conversation: Conversation | undefined,
    slice: WindowSlice | undefined,
  ): TemplateResult | typeof nothing {
    if (!conversation || slice?.moreAbove) return nothing;
    if (this.atStart(conversation, slice)) return html`<p class="older-end">${strings.startOfConversation}</p>`;
    const state = this.#older.get(conversation.peer);
    return html`<button part="load-older" class="load-older" ?disabled=${state === "loading"} @click=${() => void this.loadOlder()}>
      ${state === "loading" ? strings.loadingOlder : strings.loadOlder}
    </button>`;
  }
}
