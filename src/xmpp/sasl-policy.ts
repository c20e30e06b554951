/** Mechanisms in our order of preference (RFC 6120 §6.3.3: the client picks from what the server offers). */
export const PREFERRED_MECHANISMS = ["SCRAM-SHA-1", "PLAIN"] as const;

/**
 * Picks the SASL mechanism to use. PLAIN sends the password itself, so it is allowed only where the
 * transport is secure (wss://) or never leaves the machine (loopback); RFC 6120 §13.8.
 */
export function chooseMechanism(offered: readonly string[], transportIsSecure: boolean): string | undefined {
  return PREFERRED_MECHANISMS.find(
    (mechanism) => offered.includes(mechanism) && (mechanism !== "PLAIN" || transportIsSecure),
  );
}
