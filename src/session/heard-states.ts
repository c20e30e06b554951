import type { ChatMessage } from "../xmpp/chat-message.js";

/**
 * In a tab that does not lead: the newest state the leader told of each of our messages. The leader that
 * goes away may not have written its last news (the server took a message, the room reflected it) before
 * its page closed; the tab taking over must not send such a message a second time.
 */
export class HeardStates {
  readonly #states = new Map<string, ChatMessage>();

  heard(message: ChatMessage): void {
    this.#states.set(message.id, message);
  }

  /** A stored message of ours as this tab last heard of it from the leader. */
  newest(message: ChatMessage): ChatMessage {
    const heard = this.#states.get(message.id);
    return heard && message.state === "pending" && heard.state !== undefined && heard.state !== "pending"
      ? { ...message, state: heard.state, ...(heard.reason && { reason: heard.reason }) }
      : message;
  }

  /** This tab leads now: its own outbox tells the states. */
  clear(): void {
    this.#states.clear();
  }
}
