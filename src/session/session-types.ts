import type { XmppminiError } from "../errors.js";
import type { ChatMessage } from "../xmpp/chat-message.js";
import type { Registration } from "../xmpp/registration.js";
import type { Transport } from "./endpoints.js";
import type { PeerNews } from "./peer-watch.js";
import type { ReconnectOptions } from "./reconnect-policy.js";
import type { RoomView } from "./rooms.js";

/** The oldest message shown of a conversation: older pages load from before it. */
export interface OldestShown {
  order: number;
  timestamp: number;
  archiveId?: string;
}

export type SessionStatus = "offline" | "connecting" | "online" | "error";

export interface SessionOptions {
  /** The account as people know it; with `anonymous`, the domain to sign in to. */
  jid: string;
  password: string;
  /**
   * Sign in with SASL ANONYMOUS (RFC 4505): the server makes up an account for this session, learned
   * at bind, so each page gets a new address. This browser keeps the history under the domain.
   */
  anonymous?: boolean;
  /** wss:// (RFC 7395) or https:// BOSH (XEP-0206) endpoint; when empty, found with the xmppmini rules. */
  service?: string;
  /** Same-origin URL template for xmppmini.txt lookups, with `{domain}`. */
  resolverTemplate?: string;
  /** Upper bound for one sign-in attempt, in ms. */
  connectTimeoutMs?: number;
  /** Days to keep history in this browser; older messages are deleted at sign-in. Unset: keep everything. */
  retentionDays?: number;
  /** The reconnect policy's timing (tests shorten it). */
  reconnect?: ReconnectOptions;
  /** A guest's account still to be created (XEP-0077) on the first connection; see registration.ts. */
  registration?: Registration;
}

/** Which transport a status change concerns, and what kind of (re)connection it was. */
export interface StatusDetail {
  transport?: Transport;
  /** The fallback transport after WebSocket failed. */
  fallback?: boolean;
  /** Online again on the same XMPP session (XEP-0198): nothing was missed. */
  resumed?: boolean;
  /** With `error`: when the next attempt runs on its own (ms since the epoch). */
  retryAt?: number;
}

/** How a session reports back; the UI layer turns these into DOM events. */
export interface SessionListener {
  status(status: SessionStatus, detail: StatusDetail): void;
  /** Stored history of the account, oldest first (perhaps none), once per sign-in; not new messages. */
  history(messages: ChatMessage[]): void;
  message(message: ChatMessage): void;
  /** One of our messages changed delivery state. */
  update(message: ChatMessage): void;
  /** The conversation with `peer` is read up to the message with order key `upTo` (here or in another tab). */
  read(peer: string, upTo: number): void;
  /** A contact's presence changed, or it started or stopped typing. */
  peer(peer: string, news: PeerNews): void;
  /** Whether the server takes file uploads (XEP-0363) changed. */
  upload?(available: boolean): void;
  /** A room's state changed: joined, occupants, subject, or why we are not in it (XEP-0045). */
  room?(view: RoomView): void;
  error(error: XmppminiError): void;
}
