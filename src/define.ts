import { XmppminiChatElement } from "./ui/xmppmini-chat-element.js";

export const TAG_NAME = "xmppmini-chat";

/**
 * Registers `<xmppmini-chat>` unless something already did: a page that loads the bundle twice (two
 * script tags, a loader and a module) keeps the first definition instead of throwing.
 */
export function defineXmppminiChat(registry: CustomElementRegistry = customElements): void {
  // Not in a browser (Node, while a page is rendered on a server, where Lit may stand in a registry of its
  // own): nothing to define.
  if (globalThis.document && !registry.get(TAG_NAME)) registry.define(TAG_NAME, XmppminiChatElement);
}

declare global {
  interface HTMLElementTagNameMap {
    "xmppmini-chat": XmppminiChatElement;
  }
}
