import { XmppminiChatElement } from "./ui/xmppmini-chat-element.js";

export const TAG_NAME = "xmppmini-chat";

/**
 * Registers `<xmppmini-chat>` unless something already did: a page that loads the bundle twice (two
 * script tags, a loader and a module) keeps the first definition instead of throwing.
 */
export function defineXmppminiChat(registry: CustomElementRegistry = customElements): void {
  if (registry.get(TAG_NAME)) return;
  registry.define(TAG_NAME, XmppminiChatElement);
}

declare global {
  interface HTMLElementTagNameMap {
    "xmppmini-chat": XmppminiChatElement;
  }
}
