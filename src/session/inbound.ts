import type { Element } from "@xmpp/xml";
import { unwrapCarbon } from "../xmpp/carbons.js";
import {
  bareOf,
  parseIncomingMessage,
  parseMessageError,
  type ChatMessage,
  type MessageError,
} from "../xmpp/chat-message.js";
import { parseAcknowledgement, receiptFor, type Acknowledgement } from "../xmpp/receipts.js";
import { randomId } from "../random-id.js";
import { parseChatState, type ChatState } from "../xmpp/chat-states.js";

/** Everything one incoming message stanza asks of the session. */
export interface InboundMessage {
  /** One of ours bounced (RFC 6120 §8.3). */
  readonly bounced?: MessageError;
  /** The receipt we owe the sender (XEP-0184), to send as it is. */
  readonly receipt?: Element;
  /** The peer's word on one of our messages (XEP-0184 receipt or XEP-0333 marker). */
  readonly acknowledgement?: Acknowledgement;
  /** A chat message to show: `stanza` is the message itself (unwrapped from a carbon), `sent` when it is ours. */
  readonly chat?: { readonly stanza: Element; readonly parsed: ChatMessage; readonly sent: boolean };
  /** The sender's chat state (XEP-0085), by its bare real JID; not read from carbons of other devices' traffic. */
  readonly chatState?: { readonly from: string; readonly state: ChatState };
}

/**
 * Reads an incoming message stanza: a bounce, a carbon copy (believed from our own real address only),
 * receipts owed and received, and the chat message inside. Pure, apart from the receipt's new id.
 */
export function readInbound(stanza: Element, ownPublicJid: string, ownRealJid: string): InboundMessage {
  if (!stanza.is("message")) return {};
  const bounced = parseMessageError(stanza);
  if (bounced) return { bounced };
  const carbon = unwrapCarbon(stanza, ownRealJid);
  const inner = carbon?.message ?? stanza;
  // Receipts and markers concern this device only when addressed to it, not copies of another's traffic.
  const receipt = carbon ? null : receiptFor(stanza, randomId());
  const acknowledgement = carbon ? null : parseAcknowledgement(stanza);
  const parsed = parseIncomingMessage(inner, ownPublicJid);
  const state = carbon ? undefined : parseChatState(stanza);
  return {
    ...(state && { chatState: { from: bareOf(stanza.attrs.from), state } }),
    ...(receipt && { receipt }),
    ...(acknowledgement && { acknowledgement }),
    ...(parsed && { chat: { stanza: inner, parsed, sent: carbon?.kind === "sent" } }),
  };
}
