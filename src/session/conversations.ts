import type { ChatMessage } from "../xmpp/chat-message.js";

/** The key a conversation sorts by: its `order`, else its time. */
export function orderOf(message: ChatMessage): number {
  return message.order ?? message.timestamp;
}

/** One conversation's messages in display order (see `ChatMessage.order`). */
export interface Conversation {
  readonly peer: string;
  readonly messages: ChatMessage[];
  /** Ids already in `messages`: history and live delivery may bring the same message twice. */
  readonly ids: Set<string>;
  /** The order key of the newest message read; incoming messages after it are unread. */
  lastRead: number;
}

/** Incoming messages after the read mark (counted from the end: they are the newest). */
export function unreadCount(conversation: Conversation): number {
  let count = 0;
  for (let index = conversation.messages.length - 1; index >= 0; index -= 1) {
    const message = conversation.messages[index]!;
    if (orderOf(message) <= conversation.lastRead) break;
    if (message.direction === "in") count += 1;
  }
  return count;
}

/**
 * The conversations the element shows, kept in memory; a message lands in its peer's conversation at
 * the place its order key says (history loaded older slots in above).
 */
export class Conversations {
  readonly #byPeer = new Map<string, Conversation>();
  #active: string | null = null;

  get active(): Conversation | undefined {
    return this.#active ? this.#byPeer.get(this.#active) : undefined;
  }

  get all(): Conversation[] {
    return [...this.#byPeer.values()];
  }

  open(peer: string): Conversation {
    const conversation = this.#ensure(peer);
    this.#active = peer;
    return conversation;
  }

  /** Unread messages in all conversations. */
  get unread(): number {
    let total = 0;
    for (const conversation of this.#byPeer.values()) total += unreadCount(conversation);
    return total;
  }

  /** Read up to the message with order key `upTo`; a mark never moves back. */
  markRead(peer: string, upTo: number): void {
    const conversation = this.#ensure(peer);
    conversation.lastRead = Math.max(conversation.lastRead, upTo);
  }

  /** Adds a message in order; returns false when the conversation already holds it. */
  add(message: ChatMessage): boolean {
    const conversation = this.#ensure(message.peer);
    if (conversation.ids.has(message.id)) return false;
    conversation.ids.add(message.id);
    const { messages } = conversation;
    // Usually the newest: walk back from the end to the first message that sorts before this one.
    const key = orderOf(message);
    let index = messages.length;
    while (index > 0 && orderOf(messages[index - 1]!) > key) index -= 1;
    messages.splice(index, 0, message);
    // The first conversation to exist becomes the one shown, so an incoming chat is never hidden.
    this.#active ??= message.peer;
    return true;
  }

  /** Replaces a message already shown (its delivery state changed); false when it is not shown. */
  update(message: ChatMessage): boolean {
    const conversation = this.#byPeer.get(message.peer);
    if (!conversation?.ids.has(message.id)) return false;
    // Updates concern recent messages: search from the end.
    let index = conversation.messages.length - 1;
    while (index >= 0 && conversation.messages[index]!.id !== message.id) index -= 1;
    if (index < 0) return false;
    conversation.messages[index] = message;
    return true;
  }

  #ensure(peer: string): Conversation {
    let conversation = this.#byPeer.get(peer);
    if (!conversation) {
      conversation = { peer, messages: [], ids: new Set(), lastRead: -Infinity };
      this.#byPeer.set(peer, conversation);
    }
    return conversation;
  }
}
