/**
 * Mechanisms in our order of preference, strongest first (RFC 6120 §6.3.3: the client picks from what
 * the server offers). The SCRAM family never shows the password to the server; PLAIN hands it over.
 */
export const PREFERRED_MECHANISMS = ["SCRAM-SHA-512", "SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"] as const;

/** What the policy needs to know about where the password would go. */
export interface SignInTarget {
  /** The endpoint's URL (ws(s):// or http(s)://). */
  service: string;
  /** The domain of the account as the page named it (before any xmppmini lookup). */
  accountDomain: string;
  /** The page gave the endpoint itself (the `service` option), rather than a lookup finding it. */
  explicit: boolean;
}

/** RFC 6761 §6.3, RFC 1122 §3.2.1.3: names and addresses that never leave the machine. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  return host === "localhost" || host.endsWith(".localhost") || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Why PLAIN must not be used here, or undefined where it may. PLAIN gives the server the password itself
 * (RFC 4616 §6), so it goes only over an encrypted transport or loopback (RFC 6120 §13.8), and only to
 * a server the page chose or one inside the account's own domain: an xmppmini.txt or directory naming
 * a foreign endpoint must not be enough to collect passwords.
 */
export function plainRefusal(target: SignInTarget): string | undefined {
  const url = new URL(target.service);
  const loopback = isLoopback(url.hostname);
  if (!loopback && url.protocol !== "wss:" && url.protocol !== "https:") {
    return `it would send your password unencrypted to ${url.host}. Use a wss:// or https:// service URL`;
  }
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  const domain = target.accountDomain.toLowerCase();
  if (loopback || target.explicit || host === domain || host.endsWith(`.${domain}`)) return undefined;
  return (
    `it would hand your password itself to ${url.host}, a server outside ${domain} that was found by lookup, not named by this page. ` +
    `Ask the operator of ${domain} to enable SCRAM, or set the service attribute`
  );
}

/**
 * Picks the SASL mechanism to use, or undefined when none may be. An anonymous sign-in uses ANONYMOUS
 * (RFC 4505) or nothing: a password mechanism would need an account it has not got.
 */
export function chooseMechanism(
  offered: readonly string[],
  target: SignInTarget,
  anonymous = false,
): string | undefined {
  if (anonymous) return offered.includes("ANONYMOUS") ? "ANONYMOUS" : undefined;
  return PREFERRED_MECHANISMS.find(
    (mechanism) => offered.includes(mechanism) && (mechanism !== "PLAIN" || !plainRefusal(target)),
  );
}

/** SASL PLAIN (RFC 4616 §2): authzid (empty: the account itself), NUL, authcid, NUL, password. */
export class SaslPlain {
  readonly name = "PLAIN";
  readonly clientFirst = true;

  response(credentials: { username: string; password: string }): string {
    return `\0${credentials.username}\0${credentials.password}`;
  }

  challenge(): void {}
}

/**
 * SASL ANONYMOUS (RFC 4505). The optional trace token is left out: it would only tell the server
 * something about the visitor.
 */
export class SaslAnonymous {
  readonly name = "ANONYMOUS";
  readonly clientFirst = true;

  response(): string {
    return "";
  }

  challenge(): void {}
}
