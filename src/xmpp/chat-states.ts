// XEP-0085 chat state notifications: whether the other side is typing, and telling it when we are.
import xml, { type Element } from "@xmpp/xml";

export const NS_CHAT_STATES = "http://jabber.org/protocol/chatstates";
const NS_HINTS = "urn:xmpp:hints";

/** XEP-0085 §2: the person is taking part (`active`), typing (`composing`), stopped typing (`paused`), away from the chat (`inactive`), or left it (`gone`). */
export type ChatState = "active" | "composing" | "paused" | "inactive" | "gone";

const STATES: ReadonlySet<string> = new Set<ChatState>(["active", "composing", "paused", "inactive", "gone"]);

/** The chat state a message carries (a standalone notification or one beside a body), or undefined. */
export function parseChatState(stanza: Element): ChatState | undefined {
  if (!stanza.is("message") || stanza.attrs.type === "error" || stanza.attrs.type === "groupchat") return undefined;
  const child = stanza
    .getChildElements()
    .find((element) => element.getNS() === NS_CHAT_STATES && STATES.has(element.name));
  return child?.name as ChatState | undefined;
}

/** The state element to put beside a body (a content message always says `active`, XEP-0085 §5.4). */
export function chatStateElement(state: ChatState): Element {
  return xml(state, { xmlns: NS_CHAT_STATES });
}

/**
 * A standalone notification (XEP-0085 §5.5): no body, marked not to be archived or stored offline
 * (XEP-0334 §4.3): a "typing" from an hour ago is noise.
 */
export function buildChatState(to: string, state: ChatState, id: string): Element {
  return xml("message", { to, type: "chat", id }, chatStateElement(state), xml("no-store", { xmlns: NS_HINTS }));
}
