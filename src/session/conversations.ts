import type { ChatMessage } from "../xmpp/chat-message.js";

/** One conversation's messages in display order (by time, then arrival). */
export interface Conversation {
  readonly peer: string;
  readonly messages: ChatMessage[];
  /** Ids already in `messages`: history and live delivery may bring the same message twice. */
  readonly ids: Set<string>;
  unread: number;
}

/**
 * The conversations the element shows, kept in memory; a message lands in its peer's conversation,
 * ordered by timestamp so a delayed message (XEP-0203) slots in where it belongs.
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
    conversation.unread = 0;
    return conversation;
  }

  /** Adds a message in time order; returns false when the conversation already holds it. */
  add(message: ChatMessage, { countUnread = true }: { countUnread?: boolean } = {}): boolean {
    const conversation = this.#ensure(message.peer);
    if (conversation.ids.has(message.id)) return false;
    conversation.ids.add(message.id);
    const { messages } = conversation;
    // Server stamps (XEP-0203) have whole seconds while local times have milliseconds: compare by the
    // second, so messages within one second keep their arrival order instead of jumping ahead.
    const second = Math.floor(message.timestamp / 1000);
    let index = messages.length;
    while (index > 0 && Math.floor(messages[index - 1]!.timestamp / 1000) > second) index -= 1;
    messages.splice(index, 0, message);
    if (countUnread && message.direction === "in" && this.#active !== message.peer) conversation.unread += 1;
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
      conversation = { peer, messages: [], ids: new Set(), unread: 0 };
      this.#byPeer.set(peer, conversation);
    }
    return conversation;
  }
}
