// XEP-0156 §3: discovering alternative connection methods from a domain's host-meta (RFC 6415). A chunk
// of its own, loaded when a domain has no xmppmini.txt.
import type { Endpoints } from "./server-endpoints.js";

const REL_WEBSOCKET = "urn:xmpp:alt-connections:websocket";
const REL_BOSH = "urn:xmpp:alt-connections:xbosh";

function pick(links: Array<{ rel?: unknown; href?: unknown }>): Endpoints {
  const href = (rel: string, schemes: RegExp) =>
    links
      .map((link) => (link.rel === rel && typeof link.href === "string" ? link.href : undefined))
      .find((value) => value && schemes.test(value));
  const websocket = href(REL_WEBSOCKET, /^wss?:\/\//iu);
  const bosh = href(REL_BOSH, /^https?:\/\//iu);
  return { ...(websocket && { websocket }), ...(bosh && { bosh }) };
}

/** XEP-0156 §3.3: `/.well-known/host-meta.json`, `{ links: [{ rel, href }] }`. Unparseable input yields none. */
export function parseHostMetaJson(text: string): Endpoints {
  try {
    const document = JSON.parse(text) as { links?: unknown };
    return Array.isArray(document?.links) ? pick(document.links as Array<{ rel?: unknown; href?: unknown }>) : {};
  } catch {
    return {}; // not JSON: the same as no record, and the XML form is tried next
  }
}

/** XEP-0156 §3.2: `/.well-known/host-meta`, an XRD document with `<Link rel href/>` elements. */
export function parseHostMetaXml(text: string): Endpoints {
  // DOMParser with an XML type builds an inert document: no scripts run, nothing is fetched.
  const document = new DOMParser().parseFromString(text, "application/xml");
  if (document.getElementsByTagName("parsererror").length > 0) return {};
  const links = [...document.getElementsByTagNameNS("*", "Link")].map((link) => ({
    rel: link.getAttribute("rel") ?? undefined,
    href: link.getAttribute("href") ?? undefined,
  }));
  return pick(links);
}
