import type { ChatMessage } from "../xmpp/chat-message.js";

/** One conversation's messages in display order (by time, then arrival). */
export interface Conversation {
  readonly peer: string;
  readonly messages: ChatMessage[];
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

  add(message: ChatMessage): void {
    const conversation = this.#ensure(message.peer);
    const { messages } = conversation;
    let index = messages.length;
    while (index > 0 && messages[index - 1]!.timestamp > message.timestamp) index -= 1;
    messages.splice(index, 0, message);
    if (message.direction === "in" && this.#active !== message.peer) conversation.unread += 1;
    // The first conversation to exist becomes the one shown, so an incoming chat is never hidden.
    this.#active ??= message.peer;
  }

  #ensure(peer: string): Conversation {
    let conversation = this.#byPeer.get(peer);
    if (!conversation) {
      conversation = { peer, messages: [], unread: 0 };
      this.#byPeer.set(peer, conversation);
    }
    return conversation;
  }
}
