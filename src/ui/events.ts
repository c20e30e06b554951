import type { XmppminiErrorCode } from "../errors.js";
import type { SessionStatus } from "../session/chat-session.js";
import type { Direction } from "../xmpp/chat-message.js";

export interface XmppminiStatusDetail {
  status: SessionStatus;
  /** The transport in use or being tried, where known. */
  transport?: "websocket" | "bosh";
  /** True when the widget falls back to BOSH because WebSocket could not be opened. */
  fallback?: boolean;
}

export interface XmppminiMessageDetail {
  /** Bare JID of the sender. */
  from: string;
  /** Bare JID of the recipient. */
  to: string;
  body: string;
  /** The message's id (origin-id for ours, XEP-0359). */
  id: string;
  direction: Direction;
  /** Milliseconds since the epoch. */
  timestamp: number;
}

export interface XmppminiErrorDetail {
  code: XmppminiErrorCode;
  message: string;
}

declare global {
  interface HTMLElementEventMap {
    "xmppmini-status": CustomEvent<XmppminiStatusDetail>;
    "xmppmini-message": CustomEvent<XmppminiMessageDetail>;
    "xmppmini-error": CustomEvent<XmppminiErrorDetail>;
  }
}

/** Events cross the shadow boundary and bubble, so a host page can listen on any ancestor. */
export function widgetEvent<T>(type: keyof HTMLElementEventMap & `xmppmini-${string}`, detail: T): CustomEvent<T> {
  return new CustomEvent(type, { detail, bubbles: true, composed: true });
}
