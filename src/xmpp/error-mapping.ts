import StreamError from "@xmpp/connection/lib/StreamError.js";
import TimeoutError from "@xmpp/events/lib/TimeoutError.js";
import SASLError from "@xmpp/sasl/lib/SASLError.js";
import { XmppminiError } from "../errors.js";

interface RawXmppError {
  code?: string;
  message?: string;
}

// RFC 6120 §6.5: SASL failure conditions that mean "these credentials are wrong".
const CREDENTIAL_CONDITIONS = new Set(["not-authorized", "account-disabled", "credentials-expired", "invalid-authzid"]);

/**
 * Turns what xmpp.js throws or emits while connecting into a typed error with a message a person can act
 * on. `context` names the account and endpoint so the message can say which.
 */
export function connectError(error: unknown, context: { jid: string; service: string }): XmppminiError {
  if (error instanceof XmppminiError) return error;
  if (error instanceof SASLError) {
    if (CREDENTIAL_CONDITIONS.has(error.condition)) {
      return new XmppminiError(
        "auth-failed",
        `Sign-in failed for ${context.jid}: the server rejected the password` +
          `${error.condition === "not-authorized" ? "" : ` (${error.condition})`}. Check the address and password.`,
        { cause: error },
      );
    }
    return new XmppminiError(
      "auth-failed",
      `Sign-in failed for ${context.jid}: ${error.condition}${error.text ? ` (${error.text})` : ""}.`,
      {
        cause: error,
      },
    );
  }
  if (error instanceof StreamError) {
    return new XmppminiError(
      "stream-error",
      `The server closed the connection: ${error.condition}${error.text ? ` (${error.text})` : ""}.`,
      { cause: error },
    );
  }
  if (error instanceof TimeoutError) {
    return new XmppminiError("timeout", `The server at ${context.service} did not answer in time. Try again later.`, {
      cause: error,
    });
  }
  const raw = (typeof error === "object" && error !== null ? error : {}) as RawXmppError;
  if (raw.code === "ECONNERROR") {
    return new XmppminiError(
      "connection-failed",
      `Could not reach the chat server at ${context.service}. Check the service URL and that the server is running.`,
      { cause: error },
    );
  }
  return new XmppminiError(
    "connection-failed",
    `Could not connect to ${context.service}: ${raw.message ?? String(error)}`,
    {
      cause: error,
    },
  );
}
