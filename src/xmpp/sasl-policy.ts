/** Mechanisms in our order of preference (RFC 6120 §6.3.3: the client picks from what the server offers). */
export const PREFERRED_MECHANISMS = ["SCRAM-SHA-1", "PLAIN"] as const;

/**
 * Picks the SASL mechanism to use. PLAIN sends the password itself, so it is allowed only where the
 * transport is secure (wss://) or never leaves the machine (loopback); RFC 6120 §13.8. An anonymous
 * sign-in uses ANONYMOUS (RFC 4505) or nothing: a password mechanism would need an account it has not got.
 */
export function chooseMechanism(offered: readonly string[], transportIsSecure: boolean, anonymous = false): string | undefined {
  if (anonymous) return offered.includes("ANONYMOUS") ? "ANONYMOUS" : undefined;
  return PREFERRED_MECHANISMS.find(
    (mechanism) => offered.includes(mechanism) && (mechanism !== "PLAIN" || transportIsSecure),
  );
}

/**
 * SASL ANONYMOUS (RFC 4505) in the shape xmpp.js's SASL factory expects. The optional trace token is
 * left out: it would only tell the server something about the visitor.
 */
export class SaslAnonymous {
  readonly name = "ANONYMOUS";
  readonly clientFirst = true;

  response(): string {
    return "";
  }

  challenge(): this {
    return this;
  }
}
