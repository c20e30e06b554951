import { frameUrl } from "./frame-url.js";
import { chatLinkTarget, conversationWith, listenForChatLinks, takeChatLink } from "./chat-links.js";
import type { XmppUri } from "./xmpp-uri.js";

/** A `postMessage` payload from the host's page: an object whose `type` starts with `xmppmini:`. */
export type FrameMessage = { readonly type: string } & Readonly<Record<string, unknown>>;

export interface HostFrameOptions {
  /** The frame's page, as configured (relative URLs resolve against the host page). */
  url(): string;
  /** Links carrying this query parameter mean "chat with" (same-origin pages only). */
  chatParam?(): string;
  /** A link, navigation or `xmppmini:open` message asked for a conversation. */
  follow(target: XmppUri): void;
  /** Other `xmppmini:` messages from the page's own origin, by type. */
  messages?: Readonly<Record<string, (message: FrameMessage) => void>>;
  /**
   * The iframe as rendered now: a page speaks from its script, before its `load` (when the frame is known
   * otherwise), so its first words are believed from the frame in place.
   */
  frame?(): HTMLIFrameElement | null;
  failed(error: unknown): void;
}

/** The part of the Navigation API this needs (Chromium 102+, Firefox 136+, Safari 26+). */
interface NavigateEventLike extends Event {
  readonly destination: { readonly url: string };
  readonly hashChange: boolean;
  readonly downloadRequest: string | null;
}

/**
 * One of the host's own pages in an iframe (the roster, the upload dialog), and what it may tell the
 * widget. A same-origin page is watched: its clicks on `xmpp:` links and chat links, and (where the
 * browser has the Navigation API) any navigation to one, open the conversation instead of leaving the
 * page. A cross-origin page cannot be watched; it sends `postMessage` instead, believed only from the
 * frame itself and from the origin of its configured URL. The listener goes on `window` with
 * `addEventListener`, never through `window.onmessage`, which belongs to the host page.
 */
export class HostFrame {
  #frame: HTMLIFrameElement | undefined;
  #unwatch: (() => void) | undefined;

  constructor(private readonly options: HostFrameOptions) {}

  /** The configured URL, resolved; undefined when it is no http(s) URL (then no message is believed). */
  get #url(): URL | undefined {
    try {
      return frameUrl(this.options.url(), "");
    } catch {
      return undefined;
    }
  }

  connect(): void {
    window.addEventListener("message", this.#onMessage);
  }

  disconnect(): void {
    window.removeEventListener("message", this.#onMessage);
    this.#unwatch?.();
    this.#unwatch = undefined;
  }

  /**
   * Sends `message` to the page in the frame, addressed to the origin of its configured URL: a page the
   * frame was navigated away to (another origin) does not receive it. False when there is no such page.
   */
  post(message: FrameMessage): boolean {
    const frame = this.options.frame?.() ?? this.#frame;
    const target = frame?.isConnected ? frame.contentWindow : null;
    const origin = this.#url?.origin;
    if (!target || !origin) return false;
    target.postMessage(message, origin);
    return true;
  }

  /** Bind as the iframe's `load` listener: every page the frame loads is watched anew. */
  readonly onLoad = (event: Event): void => {
    const frame = event.currentTarget as HTMLIFrameElement;
    this.#frame = frame;
    this.#unwatch?.();
    this.#unwatch = undefined;
    let doc: Document | null = null;
    try {
      doc = frame.contentDocument;
    } catch {
      // Cross-origin: it speaks postMessage.
    }
    const win = frame.contentWindow;
    if (!doc || !win) return;
    const chatParam = this.options.chatParam?.();
    // A navigation the browser could not stop (no Navigation API, a server redirect) landed on a chat
    // link: follow it, and go back to the page the person was using.
    const landed = this.#safeTarget(win.location.href, doc.baseURI, chatParam);
    if (landed && win.location.href !== this.#url?.href) {
      this.options.follow(landed);
      win.history.back();
      return;
    }
    const listener = { chatParam, follow: this.options.follow, failed: this.options.failed };
    const stopClicks = listenForChatLinks(doc, listener);
    const navigation = (win as { navigation?: EventTarget }).navigation;
    const onNavigate = (event: Event) => {
      const navigate = event as NavigateEventLike;
      if (!navigate.cancelable || navigate.hashChange || navigate.downloadRequest !== null) return;
      takeChatLink(navigate.destination.url, doc.baseURI, listener, () => navigate.preventDefault());
    };
    navigation?.addEventListener("navigate", onNavigate);
    this.#unwatch = () => {
      stopClicks();
      navigation?.removeEventListener("navigate", onNavigate);
    };
  };

  #safeTarget(href: string, base: string, chatParam: string | undefined): XmppUri | undefined {
    try {
      return chatLinkTarget(href, base, chatParam);
    } catch (error) {
      this.options.failed(error);
      return undefined;
    }
  }

  readonly #onMessage = (event: MessageEvent): void => {
    const frame = this.options.frame?.() ?? this.#frame;
    if (!frame || !frame.isConnected || event.source !== frame.contentWindow) return;
    if (event.origin !== this.#url?.origin) return;
    const data: unknown = event.data;
    if (typeof data !== "object" || data === null || typeof (data as FrameMessage).type !== "string") return;
    const message = data as FrameMessage;
    if (message.type === "xmppmini:open") {
      try {
        const name = typeof message.name === "string" ? message.name : undefined;
        this.options.follow(conversationWith(String(message.jid ?? ""), name));
      } catch (error) {
        this.options.failed(error);
      }
      return;
    }
    this.options.messages?.[message.type]?.(message);
  };
}
