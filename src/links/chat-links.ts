import { parseJid } from "../jid/jid.js";
import { isXmppUri, parseXmppUri, type XmppUri } from "./xmpp-uri.js";

/** The query parameter that makes an ordinary link on the host's roster page mean "chat with this address". */
export const DEFAULT_CHAT_PARAM = "xmppmini-chat";

/**
 * What a link means to the widget: an `xmpp:` URI, or (when `chatParam` is given) an http(s) URL carrying
 * `?<chatParam>=<jid>`; undefined for any other link. Throws `invalid-jid` when a link is meant for the
 * widget but names no valid address, so the person hears why nothing opened.
 */
export function chatLinkTarget(href: string, base: string, chatParam?: string): XmppUri | undefined {
  if (isXmppUri(href)) return parseXmppUri(href);
  if (!chatParam) return undefined;
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  const jid = url.searchParams.get(chatParam);
  if (jid === null) return undefined;
  return conversationWith(jid, url.searchParams.get("name"));
}

/** "Chat with `jid`" (whom the page calls `name`), as a link would say it; throws `invalid-jid` for no valid address. */
export function conversationWith(jid: string, name?: string | null): XmppUri {
  return { jid: parseJid(jid).bare, action: "message", params: new Map(name ? [["name", name]] : []) };
}

export interface ChatLinkListener {
  /** With a value: links carrying this query parameter count too (the roster page's chat links). */
  chatParam?: string;
  /** A link for the widget was followed (its navigation was stopped). */
  follow(target: XmppUri): void;
  /** A link for the widget named no valid address (its navigation was stopped too). */
  failed(error: unknown): void;
}

/**
 * Acts on a link about to be followed (a click, a navigation): when it is meant for the widget, its
 * navigation is stopped (`prevent`) and it is followed here, or reported when it names no valid address.
 */
export function takeChatLink(href: string, base: string, listener: ChatLinkListener, prevent: () => void): void {
  let target: XmppUri | undefined;
  try {
    target = chatLinkTarget(href, base, listener.chatParam);
  } catch (error) {
    prevent();
    listener.failed(error);
    return;
  }
  if (!target) return;
  prevent();
  listener.follow(target);
}

/** The nearest link around a click's target, also inside shadow roots and in another frame's realm. */
function linkOf(event: Event): { href: string } | undefined {
  for (const node of event.composedPath()) {
    const element = node as { localName?: string; href?: unknown; getAttribute?: (name: string) => string | null };
    if ((element.localName === "a" || element.localName === "area") && element.getAttribute?.("href")) {
      // An SVG link's href is an animated value: read the attribute and resolve it ourselves.
      return { href: typeof element.href === "string" ? element.href : element.getAttribute("href")! };
    }
  }
  return undefined;
}

/**
 * Listens for plain clicks on links in `doc` (a document, or the widget's own shadow root) that mean
 * "chat with X" and follows them in the widget instead of the browser. Runs after the page's own handlers
 * (bubble phase), so a click already handled (`preventDefault`) is left alone, and so are clicks with a
 * modifier key (the person asked for a new tab or window). Returns the function that stops listening.
 */
export function listenForChatLinks(
  doc: Document | DocumentFragment | HTMLElement,
  listener: ChatLinkListener,
): () => void {
  // A click (a MouseEvent), typed by hand: a framed page's events come from another realm.
  const onClick = (anyEvent: Event) => {
    const event = anyEvent as MouseEvent;
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.ctrlKey ||
      event.metaKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    const link = linkOf(event);
    if (link) takeChatLink(link.href, doc.baseURI, listener, () => event.preventDefault());
  };
  doc.addEventListener("click", onClick);
  return () => doc.removeEventListener("click", onClick);
}
