import { XmppminiError } from "../errors.js";
import { parseJid } from "../jid/jid.js";
import type { Registration } from "../xmpp/registration.js";

/** Where the account to sign in with comes from: the element's attributes that say so. */
export interface AccountAttributes {
  jid: string;
  password: string;
  /** `password` (or unset), `guest` or `anonymous`. */
  login: string;
  /** With `login="guest"`: where the guest's account is created; with `anonymous`: the host to sign in to. */
  domain: string;
  credentialsUrl: string;
}

export interface SignInAccount {
  jid: string;
  password: string;
  /** SASL ANONYMOUS: `jid` is the domain; the server makes up the account at each new session. */
  anonymous?: boolean;
  /** Present while the account is still to be created (XEP-0077) on the first connection. */
  registration?: Registration;
  /**
   * A guest this browser kept: forgets it, so that the next sign-in creates a new one. For when the
   * server no longer takes its password (an operator deleted the account).
   */
  forget?: () => Promise<void>;
}

const LOGINS = new Set(["", "password", "guest", "anonymous"]);
/** The logins that need no account, only the `domain` to sign in on, and what that domain is for them. */
const VISITOR_LOGINS = new Map([
  ["guest", "where the visitor's account is created"],
  ["anonymous", "the server's host that allows anonymous sign-in"],
]);

/** Whether the attributes can sign in at all (without asking anyone yet). */
export function hasAccount(attributes: AccountAttributes): boolean {
  if (attributes.jid) return attributes.password !== "";
  return attributes.credentialsUrl !== "" || (VISITOR_LOGINS.has(attributes.login) && attributes.domain.trim() !== "");
}

/** What is wrong with `login` and `domain`, for people; undefined when nothing is. */
export function loginProblem(attributes: AccountAttributes): string | undefined {
  if (!LOGINS.has(attributes.login))
    return `login="${attributes.login}" is not known; use "guest", "anonymous" or leave it out.`;
  const domainFor = VISITOR_LOGINS.get(attributes.login);
  if (domainFor && !attributes.jid && !attributes.domain.trim())
    return `login="${attributes.login}" needs a domain attribute: ${domainFor}.`;
  return undefined;
}

/**
 * The account to sign in with: `jid` and `password` as given; else a guest's (the one this browser made
 * on the domain before, or a new one to register); else an anonymous one on the domain; else the one the
 * host's `credentials-url` gives.
 * Throws `invalid-config` or `credentials-unavailable`.
 */
export async function accountFor(attributes: AccountAttributes): Promise<SignInAccount> {
  const { jid, password, login, credentialsUrl } = attributes;
  if (jid) return { jid, password };
  const problem = loginProblem(attributes);
  if (problem) throw new XmppminiError("invalid-config", problem);
  // Guests and the host's backend are ways in that most pages do not use: their code loads when used.
  if (login === "guest")
    return (await import("./guest-account.js")).guestAccount(parseJid(attributes.domain.trim()).domain);
  if (login === "anonymous") return { jid: parseJid(attributes.domain.trim()).domain, password: "", anonymous: true };
  if (credentialsUrl) return (await import("./credentials.js")).fetchCredentials(credentialsUrl);
  throw new XmppminiError(
    "invalid-config",
    'No account to sign in with: set jid and password, credentials-url, or login="guest" or "anonymous" with a domain.',
  );
}
