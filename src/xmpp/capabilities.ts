import xml, { type Element } from "@xmpp/xml";
import type { IqCallee } from "@xmpp/iq/callee.js";

const NS_DISCO_INFO = "http://jabber.org/protocol/disco#info";
const NS_CAPS = "http://jabber.org/protocol/caps";
/** XEP-0115 §4: a URI that identifies this software. */
export const CAPS_NODE = "urn:xmppmini:chat";

export interface Identity {
  category: string;
  type: string;
  name: string;
}

/** What we are (XEP-0030 §3.1) and what we implement; only features the code really answers to. */
export const IDENTITY: Identity = { category: "client", type: "web", name: "xmppmini-chat" };
export const FEATURES: readonly string[] = [
  NS_CAPS,
  NS_DISCO_INFO,
  "urn:xmpp:ping",
  "urn:xmpp:receipts",
  "urn:xmpp:chat-markers:0",
  "urn:xmpp:sid:0",
];

function toBase64(bytes: ArrayBuffer): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes)));
}

/** XEP-0115 §5.1 verification string: identities then features, each sorted, each followed by "<". */
export function capsVerificationString(identity: Identity, features: readonly string[]): string {
  const identityPart = `${identity.category}/${identity.type}//${identity.name}<`;
  const featurePart = [...features]
    .sort()
    .map((feature) => `${feature}<`)
    .join("");
  return identityPart + featurePart;
}

/** XEP-0115 §5.1: base64 of the SHA-1 of the verification string (WebCrypto, available in every browser). */
export async function capsVer(identity: Identity = IDENTITY, features: readonly string[] = FEATURES): Promise<string> {
  const data = new TextEncoder().encode(capsVerificationString(identity, features));
  return toBase64(await crypto.subtle.digest("SHA-1", data));
}

/** The `<c/>` element for our presence (XEP-0115 §4). */
export function capsElement(ver: string): Element {
  return xml("c", { xmlns: NS_CAPS, hash: "sha-1", node: CAPS_NODE, ver });
}

/** The disco#info result payload (XEP-0030 §3.1), echoing the caps node when asked (XEP-0115 §6.2). */
export function discoInfoElement(node?: string): Element {
  return xml(
    "query",
    { xmlns: NS_DISCO_INFO, node },
    xml("identity", { category: IDENTITY.category, type: IDENTITY.type, name: IDENTITY.name }),
    ...FEATURES.map((feature) => xml("feature", { var: feature })),
  );
}

/** Answers disco#info (XEP-0030 §3.1) and ping (XEP-0199 §4) queries addressed to us. */
export function answerEntityQueries(iqCallee: IqCallee): void {
  iqCallee.get(NS_DISCO_INFO, "query", ({ element }) => discoInfoElement(element.attrs.node));
  iqCallee.get("urn:xmpp:ping", "ping", () => ({}));
}
