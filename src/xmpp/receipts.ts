// XEP-0184 delivery receipts and XEP-0333 chat markers: how the peer's client tells us a message arrived
// and was read, and how we tell it the same.
import xml, { type Element } from "@xmpp/xml";
import { NS_MARKERS, NS_RECEIPTS, bareOf } from "./chat-message.js";

const NS_HINTS = "urn:xmpp:hints";

/** A peer's word about one of our messages. */
export interface Acknowledgement {
  readonly id: string;
  /** Bare JID of the peer that sent it. */
  readonly from: string;
  readonly state: "delivered" | "read";
}

/** Reads a receipt (XEP-0184 §5.2) or a `received`/`displayed` marker (XEP-0333 §4); null otherwise. */
export function parseAcknowledgement(stanza: Element): Acknowledgement | null {
  if (!stanza.is("message") || stanza.attrs.type === "error") return null;
  const from = bareOf(stanza.attrs.from);
  const displayed = stanza.getChild("displayed", NS_MARKERS)?.attrs.id;
  if (displayed) return { id: displayed, from, state: "read" };
  const received =
    stanza.getChild("received", NS_RECEIPTS)?.attrs.id ?? stanza.getChild("received", NS_MARKERS)?.attrs.id;
  if (received) return { id: received, from, state: "delivered" };
  return null;
}

/** XEP-0333 §4: tells the sender that its message `id` (and everything before it) was displayed. */
export function displayedMarker(to: string, id: string, markerId: string): Element {
  return xml(
    "message",
    { to, id: markerId, type: "chat" },
    xml("displayed", { xmlns: NS_MARKERS, id }),
    xml("store", { xmlns: NS_HINTS }),
  );
}

/**
 * The receipt owed for an incoming message that asked for one (XEP-0184 §5.1), or null. It goes to the
 * sender's full JID and carries a storage hint so it reaches a peer that went offline meanwhile.
 */
export function receiptFor(stanza: Element, id: string): Element | null {
  if (!stanza.getChild("request", NS_RECEIPTS) || !stanza.attrs.id || !stanza.attrs.from) return null;
  const type = stanza.attrs.type ?? "normal";
  if (type !== "chat" && type !== "normal") return null;
  return xml(
    "message",
    { to: stanza.attrs.from, id, type },
    xml("received", { xmlns: NS_RECEIPTS, id: stanza.attrs.id }),
    xml("store", { xmlns: NS_HINTS }),
  );
}
