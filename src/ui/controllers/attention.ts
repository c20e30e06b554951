import type { PropertyValues, ReactiveController } from "lit";
import { orderOf, type Conversations } from "../../session/conversations.js";
import type { ChatSession } from "../../session/chat-session.js";
import type { ChatMessage } from "../../xmpp/chat-message.js";
import type { XmppminiChatElement } from "../xmppmini-chat-element.js";
import type { Localisation } from "./localisation.js";
import type { Notifier } from "./notifier.js";
import { parseNotify } from "./notify-options.js";

/**
 * Whether the person sees a message: what is on screen is read (and its sender may hear so, XEP-0333);
 * what is not is announced in the ways `notify` allows (page title, tone, system notification).
 */
export class Attention implements ReactiveController {
  /** Only where `notify` asks for something: the notifier is a chunk of its own. */
  #notifier: Notifier | undefined;

  readonly #host: XmppminiChatElement;
  readonly #conversations: Conversations;
  readonly #chat: ChatSession;
  readonly #language: Localisation;

  constructor(host: XmppminiChatElement, conversations: Conversations, chat: ChatSession, language: Localisation) {
    this.#host = host;
    this.#conversations = conversations;
    this.#chat = chat;
    this.#language = language;
    host.addController(this);
  }

  hostConnected(): void {
    this.#host.addEventListener("pointerdown", this.#onGesture);
    document.addEventListener("visibilitychange", this.#onVisibility);
  }

  hostDisconnected(): void {
    document.removeEventListener("visibilitychange", this.#onVisibility);
    this.#host.removeEventListener("pointerdown", this.#onGesture);
    this.#notifier?.showUnread(0);
  }

  hostUpdated(): void {
    this.#notifier?.showUnread(this.#conversations.unread);
  }

  /** System notifications may only be asked for inside a gesture: the first click in the widget is one. */
  readonly #onGesture = () => this.#notifier?.askPermission();

  readonly #onVisibility = () => this.markSeen();

  /** Before each update: a new `notify` goes to the notifier (loaded the first time it asks for anything). */
  check(changed: PropertyValues<XmppminiChatElement>): void {
    if (!changed.has("notify")) return;
    const options = parseNotify(this.#host.notify);
    if (this.#notifier) this.#notifier.options = options;
    else if (options.size > 0) {
      void import("./notifier.js").then(
        ({ Notifier }) => {
          this.#notifier ??= new Notifier();
          this.#notifier.options = parseNotify(this.#host.notify);
          this.#notifier.showUnread(this.#conversations.unread);
        },
        () => undefined,
      ); // the chunk did not load (the network went): the chat goes on without notifications
    }
  }

  /** Whether the person can see the conversation with `peer` now. */
  inView(peer: string | undefined): boolean {
    const host = this.#host;
    if (
      !peer ||
      peer !== this.#conversations.active?.peer ||
      document.visibilityState !== "visible" ||
      !host.isConnected
    )
      return false;
    // A closed overlay panel shows nothing: its messages stay unread until it opens.
    return host.mode !== "overlay" || host.open;
  }

  /** The open conversation is on screen: it is read, and its sender may hear that it was displayed (XEP-0333). */
  markSeen(): void {
    const active = this.#conversations.active;
    const newest = active?.messages.at(-1);
    // The read mark comes back through the session's `read` report, here as in the other tabs.
    if (active && newest && this.inView(active.peer)) this.#chat.markSeen(active.peer, orderOf(newest));
  }

  /** A message from someone else: read at once when in view, else announced. */
  arrived(message: ChatMessage): void {
    if (this.inView(message.peer)) this.markSeen();
    // A correction or an answer to a call is no new message to announce; in a muted room, only one that names us is.
    else if (
      !message.replaces &&
      !message.callAnswer &&
      (message.mentionsMe || !this.#conversations.muted.has(message.peer))
    )
      this.#notifier?.arrived(message, this.#language.strings);
  }
}
