// XEP-0280 Message Carbons: what the account sends or receives on its other devices shows here too.
import xml, { type Element } from "@xmpp/xml";
import type { IqCaller } from "@xmpp/iq/caller.js";

const NS_CARBONS = "urn:xmpp:carbons:2";
const NS_FORWARD = "urn:xmpp:forward:0";

export interface Carbon {
  /** `received`: a message to another of our devices; `sent`: a message one of them sent. */
  readonly kind: "received" | "sent";
  readonly message: Element;
}

/** XEP-0280 §4: asks the server to copy messages to this session. */
export async function enableCarbons(iqCaller: IqCaller): Promise<void> {
  await iqCaller.set(xml("enable", { xmlns: NS_CARBONS }));
}

/**
 * Unwraps a carbon copy (XEP-0280 §6). Only copies from our own bare JID are believed (§11: anyone else
 * could forge a "sent" copy to put words in our mouth); everything else yields null.
 */
export function unwrapCarbon(stanza: Element, ownBareJid: string): Carbon | null {
  if (!stanza.is("message")) return null;
  const wrapper = stanza.getChild("received", NS_CARBONS) ?? stanza.getChild("sent", NS_CARBONS);
  if (!wrapper) return null;
  const from = (stanza.attrs.from ?? "").toLowerCase();
  if (from !== ownBareJid.toLowerCase()) return null;
  const message = wrapper.getChild("forwarded", NS_FORWARD)?.getChild("message");
  if (!message) return null;
  return { kind: wrapper.name === "sent" ? "sent" : "received", message };
}
