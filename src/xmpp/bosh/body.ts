// XEP-0124 (BOSH) request and response bodies, with the XEP-0206 (XMPP over BOSH) attributes.
import xml, { type Element } from "@xmpp/xml";
import { Parser } from "@xmpp/xml";

export const NS_HTTPBIND = "http://jabber.org/protocol/httpbind";
export const NS_XBOSH = "urn:xmpp:xbosh";
export const NS_FRAMING = "urn:ietf:params:xml:ns:xmpp-framing";
const NS_CLIENT = "jabber:client";

/** XEP-0124 §7.1 session creation request, with XEP-0206 §4 `xmpp:version`. */
export function creationBody({
  rid,
  to,
  lang,
  wait,
  hold,
}: {
  rid: number;
  to: string;
  lang?: string;
  wait: number;
  hold: number;
}): string {
  return xml("body", {
    xmlns: NS_HTTPBIND,
    "xmlns:xmpp": NS_XBOSH,
    content: "text/xml; charset=utf-8",
    hold: String(hold),
    rid: String(rid),
    to,
    ver: "1.11",
    wait: String(wait),
    "xml:lang": lang ?? "en",
    "xmpp:version": "1.0",
  }).toString();
}

/** XEP-0206 §5: the stream restart after SASL success. */
export function restartBody({ rid, sid, to, lang }: { rid: number; sid: string; to: string; lang?: string }): string {
  return xml("body", {
    xmlns: NS_HTTPBIND,
    "xmlns:xmpp": NS_XBOSH,
    rid: String(rid),
    sid,
    to,
    "xml:lang": lang ?? "en",
    "xmpp:restart": "true",
  }).toString();
}

/** XEP-0124 §9.1 request carrying payloads (or none: an empty poll), or §13 termination. */
export function payloadBody({
  rid,
  sid,
  payloads,
  terminate = false,
}: {
  rid: number;
  sid: string;
  payloads: string[];
  terminate?: boolean;
}): string {
  const attrs = `xmlns="${NS_HTTPBIND}" rid="${rid}" sid="${xml.escapeXML(sid)}"${terminate ? ' type="terminate"' : ""}`;
  return payloads.length === 0 ? `<body ${attrs}/>` : `<body ${attrs}>${payloads.join("")}</body>`;
}

export interface ParsedBody {
  readonly attrs: Readonly<Record<string, string | undefined>>;
  /** Each child serialised on its own, namespaces made explicit, ready for the framed stream parser. */
  readonly children: string[];
}

/** Makes a child stand alone: its namespace (and a prefix's declaration) written on itself. */
function standalone(child: Element): string {
  const ns = child.getNS();
  const colon = child.name.indexOf(":");
  if (colon !== -1) {
    child.attrs[`xmlns:${child.name.slice(0, colon)}`] ??= ns;
  } else if (!child.attrs.xmlns) {
    // XEP-0206 §6: stanzas in a body are qualified by jabber:client, not by the body's namespace.
    child.attrs.xmlns = ns && ns !== NS_HTTPBIND ? ns : NS_CLIENT;
  }
  child.parent = null;
  return child.toString();
}

/** Parses a response body; throws on anything that is not a well-formed `<body/>` of httpbind. */
export function parseBody(text: string): ParsedBody {
  const parser = new Parser();
  let root: Element | null = null;
  const children: Element[] = [];
  let failure = null as Error | null; // set in the parser's callback, which narrowing cannot see
  parser.on("start", (element: Element) => (root = element));
  parser.on("element", (element: Element) => children.push(element));
  parser.on("error", (error: Error) => (failure = error));
  parser.write(text);
  parser.end?.();
  if (failure) throw failure;
  const body = root as Element | null;
  if (!body || body.name !== "body" || body.attrs.xmlns !== NS_HTTPBIND) {
    throw new Error(`not a BOSH body: ${text.slice(0, 120)}`);
  }
  return { attrs: body.attrs, children: children.map(standalone) };
}

/** The framed stream header the parser expects (RFC 7395 §3.4), made from a BOSH session's attributes. */
export function openFrame(from: string | undefined): string {
  return xml("open", { xmlns: NS_FRAMING, version: "1.0", from }).toString();
}

export function closeFrame(): string {
  return xml("close", { xmlns: NS_FRAMING }).toString();
}

/** Reads a framed header/footer the connection writes (`<open …/>` / `<close …/>`), or null for a stanza. */
export function readFrame(data: string): { kind: "open"; to: string; lang?: string } | { kind: "close" } | null {
  if (!data.startsWith("<open") && !data.startsWith("<close")) return null;
  const parser = new Parser();
  let element: Element | null = null;
  parser.on("start", (start: Element) => (element = start));
  parser.write(data);
  const frame = element as Element | null;
  if (!frame || frame.attrs.xmlns !== NS_FRAMING) return null;
  if (frame.name === "close") return { kind: "close" };
  return { kind: "open", to: frame.attrs.to ?? "", ...(frame.attrs["xml:lang"] && { lang: frame.attrs["xml:lang"] }) };
}
