// SASL negotiation (RFC 6120 §6.4), in place of @xmpp/sasl: that one drops the additional data of
// <success/> (§6.4.6), where SCRAM's server-final message proves the server (RFC 5802 §5), and
// base64-encodes with btoa alone, which throws on a password outside Latin-1.
import xml, { type Element } from "@xmpp/xml";
import { procedure } from "@xmpp/events";
import SASLError from "@xmpp/sasl/lib/SASLError.js";
import type { Client } from "@xmpp/client-core";

export const NS_SASL = "urn:ietf:params:xml:ns:xmpp-sasl";

export interface SaslCredentials {
  username: string;
  password: string;
}

/** One mechanism's client side, created afresh for each exchange. */
export interface SaslMechanism {
  readonly name: string;
  /** Sends an initial response with <auth/> (RFC 6120 §6.4.2). */
  readonly clientFirst: boolean;
  response(credentials: SaslCredentials): string | Promise<string>;
  challenge(data: string): void;
  /** Takes <success/>'s additional data (or undefined); throws when it does not prove the server. */
  success?(data: string | undefined): void;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** RFC 6120 §6.4.2: base64 of the UTF-8 bytes. An empty response stays empty, as xmpp.js sent it. */
export function encode64(text: string): string {
  return btoa(String.fromCharCode(...encoder.encode(text)));
}

/** RFC 6120 §6.4.2: "=" is an empty payload. */
export function decode64(text: string): string {
  const trimmed = text.trim();
  return trimmed === "=" ? "" : decoder.decode(Uint8Array.from(atob(trimmed), (char) => char.charCodeAt(0)));
}

/** Runs one exchange on `entity` with `mechanism`; resolves on <success/>, rejects on <failure/> or a refused proof. */
export async function authenticate(
  entity: Client,
  mechanism: SaslMechanism,
  credentials: SaslCredentials,
): Promise<void> {
  const initial = mechanism.clientFirst ? encode64(await mechanism.response(credentials)) : undefined;
  await procedure(
    entity,
    xml("auth", { xmlns: NS_SASL, mechanism: mechanism.name }, initial),
    async (element: Element, done: () => void) => {
      if (element.getNS() !== NS_SASL) return;
      if (element.name === "challenge") {
        mechanism.challenge(decode64(element.text()));
        await entity.send(xml("response", { xmlns: NS_SASL }, encode64(await mechanism.response(credentials))));
      } else if (element.name === "failure") {
        throw SASLError.fromElement(element);
      } else if (element.name === "success") {
        const data = element.text().trim();
        mechanism.success?.(data ? decode64(data) : undefined);
        done();
      }
    },
  );
}
