import type { XmppminiErrorCode } from "../errors.js";
import type { SessionStatus } from "../session/chat-session.js";
import type { ChatMessage, DeliveryState, Direction } from "../xmpp/chat-message.js";

export interface XmppminiStatusDetail {
  status: SessionStatus;
  /** The transport in use or being tried, where known. */
  transport?: "websocket" | "bosh";
  /** True when the widget falls back to BOSH because WebSocket could not be opened. */
  fallback?: boolean;
  /** With `online`: the previous session was resumed (XEP-0198), nothing was missed. */
  resumed?: boolean;
  /** With `error`: when the widget tries again on its own (ms since the epoch). */
  retryAt?: number;
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
  /** Our own messages: `pending` | `sent` | `delivered` | `read` | `failed`. */
  state?: DeliveryState;
  /** A correction (XEP-0308): the new text of the sender's message with this id. */
  replaces?: string;
  /** A room's message (XEP-0045): `from` is the room, `nick` the sender there. */
  room?: true;
  nick?: string;
  /** A room's message that names us (XEP-0372 reference or `@nick`). */
  mentionsMe?: true;
  /** `headline`: an announcement, not a message to answer. */
  kind?: "headline";
  /** An invitation to a call held on a web page (XEP-0482): the page's http(s) URL, and whether it is a video call. */
  call?: { uri: string; video?: true };
  /**
   * An answer to the call invitation with id `invite` (XEP-0482): `accept`, `reject`, or `retract` (the caller
   * withdrew it). Such a message has an empty body and is not shown as a message.
   */
  callAnswer?: { kind: "accept" | "reject" | "retract"; invite: string };
}

export interface XmppminiDeliveryDetail {
  /** The id of one of our messages, as in `xmppmini-message`. */
  id: string;
  /** Bare JID of the recipient. */
  to: string;
  state: DeliveryState;
  /** Why it failed, for people; with `failed` only. */
  reason?: string;
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
    "xmppmini-delivery": CustomEvent<XmppminiDeliveryDetail>;
  }
}

/** Events cross the shadow boundary and bubble, so a host page can listen on any ancestor. */
export function widgetEvent<T>(type: keyof HTMLElementEventMap & `xmppmini-${string}`, detail: T): CustomEvent<T> {
  return new CustomEvent(type, { detail, bubbles: true, composed: true });
}

/** What `xmppmini-message` (and `send`) tell the host page of a message: its public fields, the unset ones left out. */
export function messageDetail(message: ChatMessage): XmppminiMessageDetail {
  const { from, to, body, id, direction, timestamp, state, replaces, kind, room, nick, mentionsMe, call, callAnswer } =
    message;
  return {
    from,
    to,
    body,
    id,
    direction,
    timestamp,
    ...(state && { state }),
    ...(replaces && { replaces }),
    ...(kind && { kind }),
    ...(room && { room }),
    ...(nick !== undefined && { nick }),
    ...(mentionsMe && { mentionsMe }),
    ...(call && { call: { uri: call.uri, ...(call.video && { video: call.video }) } }),
    ...(callAnswer && { callAnswer: { kind: callAnswer.kind, invite: callAnswer.invite } }),
  };
}
