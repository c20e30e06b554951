import type { XmppminiStrings } from "../ui/i18n/catalog.js";
import type { XmppminiChatElement } from "../ui/xmppmini-chat-element.js";
import type {
  XmppminiDeliveryDetail,
  XmppminiErrorDetail,
  XmppminiMessageDetail,
  XmppminiStatusDetail,
} from "../ui/events.js";

/** The widget's events as the API names them, and the `xmppmini-*` DOM events they come from. */
const EVENTS = {
  status: "xmppmini-status",
  message: "xmppmini-message",
  error: "xmppmini-error",
  delivery: "xmppmini-delivery",
} as const;
export type XmppminiEventName = keyof typeof EVENTS;

/** The `detail` each event of `window.xmppmini.on` hands its listener. */
export interface XmppminiEventDetails {
  status: XmppminiStatusDetail;
  message: XmppminiMessageDetail;
  error: XmppminiErrorDetail;
  delivery: XmppminiDeliveryDetail;
}
export type XmppminiListener<N extends XmppminiEventName> = (detail: XmppminiEventDetails[N]) => void;
type Listener = (detail: never) => void;

/** Who to sign in as: an account, the host backend's answer for the visitor, or nobody (signs out). */
/** Who the visitor is to the site (a support desk's pre-chat fields; the name is also our nickname): optional. */
interface VisitorIdentity {
  name?: string;
  email?: string;
}

export type XmppminiUser =
  | ({ jid: string; password: string } & VisitorIdentity)
  | ({ credentialsUrl: string } & VisitorIdentity)
  | VisitorIdentity
  | null;

/**
 * `window.xmppmini`, the page's handle on the widget the loader placed. Every method may be called at
 * once: calls made before the widget is loaded wait for it (and make it load), in the order made.
 */
export interface XmppminiApi {
  /** The `<xmppmini-chat>` element (not yet upgraded until `load()` resolves). */
  readonly element: HTMLElement;
  /** Loads the widget now (it loads by itself when the browser is idle or at the first interaction). */
  load(): Promise<XmppminiChatElement>;
  /** Opens the panel, with the conversation with `jid` when given. Resolves false for an invalid address (shown in the widget). */
  open(jid?: string): Promise<boolean>;
  close(): Promise<void>;
  toggle(): Promise<void>;
  /**
   * Signs in as `{jid, password}` or with `{credentialsUrl}`, or signs out (`null`); `name` and `email` (alone,
   * or with either) say who the visitor is: `user-name` and `user-email`.
   */
  setUser(user: XmppminiUser): Promise<void>;
  /** Calls `listener(detail)` for each `status`, `message`, `error` or `delivery` event; works before loading. */
  on<N extends XmppminiEventName>(name: N, listener: XmppminiListener<N>): void;
  off<N extends XmppminiEventName>(name: N, listener: XmppminiListener<N>): void;
  /**
   * Adds a language's words, or changes some of one's, for the widget (see docs/languages.md); before the
   * widget is loaded, they wait for it without making it load.
   */
  registerLanguage(tag: string, strings: XmppminiStrings): void;
}

declare global {
  interface Window {
    /** The page's handle on the widget that the script-tag loader (cdn/xmppmini-loader.js) placed. */
    xmppmini?: XmppminiApi;
  }
}

export function createApi(
  element: HTMLElement,
  load: () => Promise<XmppminiChatElement>,
  registerLanguage: XmppminiApi["registerLanguage"],
): XmppminiApi {
  const wrapped = new Map<string, WeakMap<Listener, EventListener>>();
  const eventOf = (name: XmppminiEventName) => {
    const type = EVENTS[name];
    if (!type) throw new TypeError(`xmppmini: no event "${String(name)}"; known: ${Object.keys(EVENTS).join(", ")}.`);
    return type;
  };
  return {
    element,
    load,
    registerLanguage,
    async open(jid) {
      const widget = await load();
      return widget.openChat(jid);
    },
    async close() {
      (await load()).toggle(false);
    },
    async toggle() {
      (await load()).toggle();
    },
    async setUser(user) {
      const widget = await load();
      if (user === null) {
        widget.jid = "";
        widget.password = "";
        widget.credentialsUrl = "";
        // Who the visitor was goes with them: the next one is not sent under their name.
        widget.userName = "";
        widget.userEmail = "";
        await widget.disconnect();
      } else {
        if (user.name !== undefined) widget.userName = user.name;
        if (user.email !== undefined) widget.userEmail = user.email;
        if ("credentialsUrl" in user) {
          Object.assign(widget, { jid: "", password: "", credentialsUrl: user.credentialsUrl });
        } else if ("jid" in user) {
          Object.assign(widget, { credentialsUrl: "", jid: user.jid, password: user.password });
        }
      }
    },
    on(name, listener) {
      const type = eventOf(name);
      const byListener = wrapped.get(type) ?? new WeakMap();
      wrapped.set(type, byListener);
      if (byListener.has(listener)) return;
      const handler = (event: Event) => listener((event as CustomEvent<never>).detail);
      byListener.set(listener, handler);
      element.addEventListener(type, handler);
    },
    off(name, listener) {
      const type = eventOf(name);
      const handler = wrapped.get(type)?.get(listener);
      if (handler) element.removeEventListener(type, handler);
      wrapped.get(type)?.delete(listener);
    },
  };
}
