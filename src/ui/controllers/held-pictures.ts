import type { ChatSession } from "../../session/chat-session.js";
import type { ChatMessage } from "../../xmpp/chat-message.js";
import type { XmppminiChatElement } from "../xmppmini-chat-element.js";

/**
 * A picture from someone the person never wrote to waits for a click (see `load-images`): loading it
 * would tell the sender's server that the person is reading now.
 */
export class HeldPictures {
  /** Messages whose held picture the person asked to see. */
  readonly #revealed = new Set<string>();

  readonly #host: XmppminiChatElement;
  readonly #chat: ChatSession;

  constructor(host: XmppminiChatElement, chat: ChatSession) {
    this.#host = host;
    this.#chat = chat;
  }

  /** What a click on the held picture of `message` does; undefined when the picture shows at once. */
  reveal(message: ChatMessage): (() => void) | undefined {
    if (
      this.#host.loadImages === "always" ||
      message.direction !== "in" ||
      this.#revealed.has(message.id) ||
      this.#chat.acquainted(message.peer)
    )
      return undefined;
    return () => {
      this.#revealed.add(message.id);
      this.#host.requestUpdate();
    };
  }
}
