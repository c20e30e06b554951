/**
 * Every failure the widget reports carries one of these codes, so host pages can branch on it and the UI
 * can say what a person should do next.
 */
export type XmppminiErrorCode =
  /** An address is not a valid JID (RFC 7622). */
  | "invalid-jid"
  /** The element's attributes cannot work together (e.g. no service URL, an unsupported scheme). */
  | "invalid-config"
  /** The server rejected the credentials (RFC 6120 §6.5). */
  | "auth-failed"
  /** The server offers no SASL mechanism we may use with this endpoint (PLAIN is refused where it could leak the password). */
  | "no-mechanism"
  /** The server accepted the sign-in without proving it knows the password (SCRAM server signature, RFC 5802 §3). */
  | "server-not-verified"
  /** The endpoint could not be reached at all. */
  | "connection-failed"
  /** An established connection dropped. */
  | "connection-lost"
  /** Connecting, an xmppmini lookup or the host's credentials-url took longer than allowed. */
  | "timeout"
  /** The server closed the stream with an error (RFC 6120 §4.9). */
  | "stream-error"
  /** An action needs a live connection and there is none. */
  | "not-connected"
  /** A message body is empty or larger than we send. */
  | "invalid-message"
  /** A peer or server bounced one of our messages (RFC 6120 §8.3). */
  | "message-error"
  /** The browser could not store history (IndexedDB failed, quota exceeded). */
  | "storage-unavailable"
  /** xmppmini lookup: no xmppmini.txt, no directory entry and no XEP-0156 record for the address. */
  | "not-found"
  /** xmppmini lookup: a fetch failed outright (offline, DNS, refused, or blocked by CORS). */
  | "network-or-cors"
  /** xmppmini lookup: a server answered with an HTTP error status. */
  | "http-status"
  /** xmppmini lookup: an xmppmini.txt or get_host answer that cannot be believed. */
  | "malformed"
  /** xmppmini lookup: a get_host answer that asks for a second dynamic lookup (not supported). */
  | "nested-dynamic"
  /** xmppmini lookup or credentials-url: the answer came, by a redirect, from another origin than the one asked. */
  | "redirected"
  /** The host's `credentials-url` gave no account (not signed in to the site, an HTTP error, not `{jid, password}`). */
  | "credentials-unavailable"
  /** A guest account could not be created (the server does not allow sign-up, or refused it). */
  | "registration-failed"
  /** A file could not be shared: too big for the server, refused, or the upload itself failed. */
  | "upload-failed"
  /** The microphone could not be used: the person or the browser refused it, or there is none. */
  | "media-refused"
  /** A room (XEP-0045) refused us or put us out: members only, banned, a password, the room gone. */
  | "room-error"
  /** A link asks for something the widget does not do. */
  | "unsupported";

/** The widget's one error type: a stable `code` for programs and a `message` written for people. */
export class XmppminiError extends Error {
  override readonly name = "XmppminiError";

  constructor(
    readonly code: XmppminiErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Wraps anything thrown into an XmppminiError, keeping typed errors as they are. */
export function toXmppminiError(error: unknown, fallback: XmppminiErrorCode, message: string): XmppminiError {
  if (error instanceof XmppminiError) return error;
  return new XmppminiError(fallback, message, { cause: error });
}
